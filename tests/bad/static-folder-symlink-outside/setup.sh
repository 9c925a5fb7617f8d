mv content/static outside-static
ln -s /usr/share content/static
