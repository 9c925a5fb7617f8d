ln -s /etc/hostname content/pages/host.md
