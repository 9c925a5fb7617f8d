rm -r content/pages
ln -s /etc content/pages
