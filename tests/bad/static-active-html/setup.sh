printf "<p>x</p>" > content/static/page.html
printf "alert(1)" > content/static/tool.js
