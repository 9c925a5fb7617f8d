python3 -c "open('content/pages/long.md','w').write('---\ntitle: 长\n---\n' + ('a' * 80 + '\n') * 8000)"
