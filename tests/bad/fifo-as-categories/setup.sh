rm content/categories.yaml
mkfifo content/categories.yaml
