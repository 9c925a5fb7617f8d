python3 -c "open('content/lists/huge.yaml','w').write('title: ' + 'x'*(2*1024*1024) + '\n')"
