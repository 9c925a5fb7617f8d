mkfifo content/static/pipe.png
