printf '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="1"/></svg>' > content/static/badge.svg
printf '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' > content/static/logo.svg
# a <script> split across the scanner's 64 KiB pieces, and a large SVG with none
python3 -c "
open('content/static/wide.svg', 'w').write('<svg xmlns=\"http://www.w3.org/2000/svg\">' + ' ' * (65536 - 44) + '<script>x</script></svg>')
open('content/static/big-ok.svg', 'w').write('<svg xmlns=\"http://www.w3.org/2000/svg\">' + '<circle r=\"1\"/>' * 20000 + '</svg>')"
