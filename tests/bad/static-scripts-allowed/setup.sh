printf "<p>x</p>" > content/static/page.html
echo "allow_static_scripts: true" >> content/site.yaml
