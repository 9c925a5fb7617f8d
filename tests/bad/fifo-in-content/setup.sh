mkfifo content/pages/pipe.md
