# one stray byte (0xFF) in the middle of a list's last item, after many
# lines of valid YAML: the loader leaves UTF-8 to libyaml and must still
# say where and what, in its own words
printf '  - title: 坏\377字节\n    category: party-building\n    community: 白莲社区\n' >> content/lists/2020-bailianchi.yaml
