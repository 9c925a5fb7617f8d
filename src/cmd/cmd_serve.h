/* cmd_serve: `qingdan serve [--port 8000] [--bind 127.0.0.1]`: build the
 * site into a private folder, serve it over HTTP with libmicrohttpd, and
 * build again when a file under the content or templates folder changes
 * (inotify). Open pages reload themselves after a good build; while the
 * content has errors the pages show them (file:line:col) over the last
 * good build, which is still what is served. The reload script exists only
 * here: it is added to each HTML page as it is sent, never written to a
 * build. The site keeps its base path (site.yaml's base_url), served at
 * http://BIND:PORT/<path>/. Only regular files inside the build folder
 * are served: a path with a `..` segment (also %2e%2e) is refused, and
 * files are opened beneath the folder without following symlinks. */
#ifndef QD_CMD_SERVE_H
#define QD_CMD_SERVE_H

/* argv[0] is "serve". Returns the exit status. */
int cmd_serve(int argc, char **argv);

#endif
