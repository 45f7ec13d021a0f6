"""Serves Debian's Keystone (python3-keystone 22.x) with waitress on one address, for tests.

Usage: /usr/bin/python3 keystone_server.py --config-file FILE --host 127.0.0.1 --port PORT [--threads N]

Run with Debian's /usr/bin/python3: a pyenv interpreter cannot import Debian's keystone.
Everything is logged to stderr / keystone's own log_file; the caller redirects both to files.
"""

import argparse
import os
import signal
import sys


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--config-file', required=True)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--threads', type=int, default=4)
    return parser.parse_args()


def patch_federation_service_providers():
    """Keystone 22.0.2's SQL federation driver returns a lazy query from
    get_enabled_service_providers(); it is iterated (on every token issue, to
    render the catalog's service providers) after its session was closed. The
    sqlite connection that runs it keeps a shared lock, so the next write (a
    token revocation, a new project) fails after 5 s with "database is
    locked". Materialising the rows inside the session fixes that."""
    from keystone.common import sql
    from keystone.federation.backends import sql as federation_sql

    model = federation_sql.ServiceProviderModel

    def get_enabled_service_providers(self):
        with sql.session_for_read() as session:
            rows = session.query(model).filter_by(enabled=True).all()
            # Plain objects: the manager reads .id/.auth_url/.sp_url after the session is gone.
            return [
                argparse.Namespace(id=row.id, auth_url=row.auth_url, sp_url=row.sp_url)
                for row in rows
            ]

    federation_sql.Federation.get_enabled_service_providers = get_enabled_service_providers


def main():
    args = parse_args()
    config_file = os.path.abspath(args.config_file)
    os.environ['OS_KEYSTONE_CONFIG_FILES'] = config_file
    # keystone.server.configure() parses sys.argv with oslo.config: our own flags would be rejected.
    sys.argv = [sys.argv[0]]

    # A plain SIGTERM would kill the interpreter without unwinding; exit cleanly instead.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))

    patch_federation_service_providers()

    from keystone.server import wsgi as keystone_wsgi
    import waitress

    application = keystone_wsgi.initialize_public_application()
    print('keystone_server: application initialised, serving on http://%s:%d' % (args.host, args.port),
          file=sys.stderr, flush=True)
    waitress.serve(
        application,
        host=args.host,
        port=args.port,
        threads=args.threads,
        ident='keystone',
        # Behind no proxy; Keystone builds its URLs (WWW-Authenticate, links) from the Host header.
        clear_untrusted_proxy_headers=True,
    )


if __name__ == '__main__':
    main()
