printf -- "---\rtitle: 旧式换行\r---\r正文。\r" > content/pages/old-mac.md
