python3 -c "open('content/lists/huge.yaml','w').write('title: ' + 'x'*(10*1024*1024) + '\n')"
