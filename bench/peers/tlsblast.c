/* The TLS figures' client: the same client against SockScope and against
 * each reference peer, so only the server differs. Python's ssl module tops
 * out near 50 MiB/s here, too slow to measure a TLS server with.
 *
 *   tlsblast echo       HOST PORT BYTES  one TLS connection; write and read at
 *                                        once (non-blocking SSL, poll) until
 *                                        all BYTES came back and matched what
 *                                        was sent; rate = BYTES / time from
 *                                        the handshake's end to the last byte
 *   tlsblast handshakes HOST PORT N      N sequential connect + full TLS
 *                                        handshake (no session resumption) +
 *                                        close_notify, each waiting for the
 *                                        server's close, so the server has
 *                                        finished each one (read the client's
 *                                        Finished, sent its tickets) before
 *                                        the next starts; each one timed
 *   options: --timeout SECONDS (default 120): give up, print "error timeout"
 *            --ciphersuites LIST (default TLS_AES_128_GCM_SHA256)
 *            --groups LIST (default P-256: socat 1.7.4 sets that one
 *            curve for ECDHE, so the others must match it)
 *
 * The client offers TLS 1.3 only, with one cipher suite and one key-exchange
 * group, so every server negotiates the same ones (the result line names
 * them, to check). It verifies nothing: the certificate's check would be
 * client time, the same for every server. SNI is "localhost".
 *
 * Prints one line "result mode=... key=value ..." on success, exit 0. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { kChunk = 256 * 1024, kPeriod = 61 };

static struct sockaddr_in g_addr;
static char *g_pattern; /* kChunk + kPeriod bytes of a 61-periodic text */
static long g_tickets;  /* NewSessionTicket messages received, all connections */

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "error timeout\n";
    ssize_t ignored = write(1, msg, sizeof msg - 1);
    (void)ignored;
    _exit(3);
}

static void die(const char *what) {
    printf("error %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static void die_ssl(const char *what, SSL *ssl, int ret) {
    int err = ssl ? SSL_get_error(ssl, ret) : 0;
    unsigned long e = ERR_get_error();
    char buf[256] = "";
    if (e)
        ERR_error_string_n(e, buf, sizeof buf);
    printf("error %s: ssl_error=%d %s%s\n", what, err, buf,
           err == SSL_ERROR_SYSCALL && errno ? strerror(errno) : "");
    fflush(stdout);
    exit(1);
}

/* Counts the server's tickets; never keeps them (no resumption). */
static int on_new_session(SSL *ssl, SSL_SESSION *session) {
    (void)ssl;
    (void)session;
    ++g_tickets;
    return 0;
}

static SSL_CTX *make_ctx(const char *suites, const char *groups) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx)
        die_ssl("SSL_CTX_new", NULL, 0);
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
    if (SSL_CTX_set_ciphersuites(ctx, suites) != 1)
        die_ssl("--ciphersuites", NULL, 0);
    if (SSL_CTX_set1_groups_list(ctx, groups) != 1)
        die_ssl("--groups", NULL, 0);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    /* Client-side cache on only so that the callback sees each ticket; it
     * stores none (the callback returns 0) and no SSL is given a session. */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, on_new_session);
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    return ctx;
}

static int open_connection(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    while (connect(fd, (struct sockaddr *)&g_addr, sizeof g_addr) < 0) {
        if (errno != EINTR)
            die("connect");
    }
    int one = 1;
    /* The client's Finished and its close_notify leave at once, not after
     * a delayed ACK. */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static SSL *tls_connect(SSL_CTX *ctx, int fd) {
    SSL *ssl = SSL_new(ctx);
    if (!ssl)
        die_ssl("SSL_new", NULL, 0);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    int r = SSL_connect(ssl);
    if (r != 1)
        die_ssl("handshake", ssl, r);
    return ssl;
}

static void negotiated(SSL *ssl, char *out, size_t size) {
    const char *group = SSL_group_to_name(ssl, SSL_get_negotiated_group(ssl));
    snprintf(out, size, "version=%s cipher=%s group=%s", SSL_get_version(ssl),
             SSL_get_cipher_name(ssl), group ? group : "?");
}

/* After our close_notify: reads until the server's close_notify or its FIN
 * (tickets that arrive meanwhile are counted by the callback). */
static void wait_for_close(SSL *ssl) {
    char sink[4096];
    for (;;) {
        int n = SSL_read(ssl, sink, sizeof sink);
        if (n > 0)
            continue;
        int err = SSL_get_error(ssl, n);
        if (err == SSL_ERROR_ZERO_RETURN || err == SSL_ERROR_SYSCALL || err == SSL_ERROR_SSL) {
            ERR_clear_error();
            return;
        }
        die_ssl("read for the close", ssl, n);
    }
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int mode_echo(SSL_CTX *ctx, long long total) {
    int fd = open_connection();
    SSL *ssl = tls_connect(ctx, fd);
    char info[256];
    negotiated(ssl, info, sizeof info);
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0)
        die("fcntl");
    char *in = malloc(kChunk);
    if (!in)
        die("malloc");
    double t0 = now();
    long long sent = 0, received = 0;
    /* What each side waits for: a write blocked on the socket's buffer, or
     * (a record arriving mid-write, rarely) on reading. */
    int write_wants = 0, read_wants = POLLIN;
    while (received < total) {
        int progress = 0;
        if (sent < total) {
            size_t want = (size_t)(total - sent < kChunk ? total - sent : kChunk);
            int n = SSL_write(ssl, g_pattern + sent % kPeriod, (int)want);
            if (n > 0) {
                sent += n;
                write_wants = 0;
                progress = 1;
            } else {
                int err = SSL_get_error(ssl, n);
                if (err == SSL_ERROR_WANT_WRITE)
                    write_wants = POLLOUT;
                else if (err == SSL_ERROR_WANT_READ)
                    write_wants = POLLIN;
                else
                    die_ssl("write", ssl, n);
            }
        } else {
            write_wants = 0;
        }
        /* Everything readable now, records already decrypted first. */
        for (;;) {
            int n = SSL_read(ssl, in, kChunk);
            if (n > 0) {
                if (memcmp(in, g_pattern + received % kPeriod, (size_t)n) != 0) {
                    printf("error mismatch at=%lld\n", received);
                    return 1;
                }
                received += n;
                progress = 1;
                continue;
            }
            int err = SSL_get_error(ssl, n);
            if (err == SSL_ERROR_WANT_READ) {
                read_wants = POLLIN;
                break;
            }
            if (err == SSL_ERROR_WANT_WRITE) {
                read_wants = POLLOUT;
                break;
            }
            if (err == SSL_ERROR_ZERO_RETURN || (err == SSL_ERROR_SSL && n == 0)) {
                printf("error early-close received=%lld\n", received);
                return 1;
            }
            die_ssl("read", ssl, n);
        }
        if (progress || received >= total)
            continue;
        struct pollfd p = {.fd = fd, .events = (short)(read_wants | write_wants)};
        if (poll(&p, 1, 1000) < 0 && errno != EINTR)
            die("poll");
    }
    double t = now() - t0;
    SSL_shutdown(ssl); /* our close_notify; the server's is not waited for */
    SSL_free(ssl);
    close(fd);
    printf("result mode=echo bytes=%lld seconds=%.6f mibps=%.1f %s\n", total, t,
           (double)total / t / 1048576.0, info);
    return 0;
}

static int mode_handshakes(SSL_CTX *ctx, long n) {
    double *lat = malloc(sizeof *lat * (size_t)n);
    if (!lat)
        die("malloc");
    char info[256] = "";
    double t0 = now();
    for (long i = 0; i < n; ++i) {
        double t1 = now();
        int fd = open_connection();
        SSL *ssl = tls_connect(ctx, fd);
        if (SSL_session_reused(ssl)) {
            printf("error resumed handshake=%ld\n", i);
            return 1;
        }
        if (i == 0)
            negotiated(ssl, info, sizeof info);
        SSL_shutdown(ssl);
        wait_for_close(ssl);
        SSL_free(ssl);
        close(fd);
        lat[i] = now() - t1;
    }
    double t = now() - t0;
    qsort(lat, (size_t)n, sizeof *lat, cmp_double);
    printf("result mode=handshakes n=%ld seconds=%.6f rate=%.1f p50_ms=%.3f p99_ms=%.3f "
           "max_ms=%.3f tickets=%ld %s\n",
           n, t, (double)n / t, lat[n / 2] * 1e3, lat[n * 99 / 100] * 1e3, lat[n - 1] * 1e3,
           g_tickets, info);
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int timeout = 120;
    const char *suites = "TLS_AES_128_GCM_SHA256";
    const char *groups = "P-256"; /* socat 1.7.4 accepts no other */
    int positional = 0;
    const char *args[4] = {0};
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            timeout = atoi(argv[++i]);
        else if (strcmp(argv[i], "--ciphersuites") == 0 && i + 1 < argc)
            suites = argv[++i];
        else if (strcmp(argv[i], "--groups") == 0 && i + 1 < argc)
            groups = argv[++i];
        else if (positional < 4)
            args[positional++] = argv[i];
    }
    if (positional != 4) {
        fprintf(stderr, "usage: tlsblast echo|handshakes HOST PORT COUNT [--timeout S] "
                        "[--ciphersuites LIST] [--groups LIST]\n");
        return 2;
    }
    g_addr.sin_family = AF_INET;
    g_addr.sin_port = htons((unsigned short)atoi(args[2]));
    if (inet_pton(AF_INET, strcmp(args[1], "localhost") == 0 ? "127.0.0.1" : args[1],
                  &g_addr.sin_addr) != 1) {
        fprintf(stderr, "tlsblast: HOST must be an IPv4 address\n");
        return 2;
    }
    long long count = atoll(args[3]);
    if (count <= 0) {
        fprintf(stderr, "tlsblast: COUNT must be positive\n");
        return 2;
    }
    g_pattern = malloc(kChunk + kPeriod);
    if (!g_pattern)
        die("malloc");
    for (int i = 0; i < kChunk + kPeriod; ++i)
        g_pattern[i] = (i % kPeriod == kPeriod - 1) ? '\n' : (char)('A' + i % kPeriod % 26);

    signal(SIGPIPE, SIG_IGN);
    signal(SIGALRM, on_alarm);
    alarm((unsigned)timeout);

    SSL_CTX *ctx = make_ctx(suites, groups);
    if (strcmp(args[0], "echo") == 0)
        return mode_echo(ctx, count);
    if (strcmp(args[0], "handshakes") == 0)
        return mode_handshakes(ctx, (long)count);
    fprintf(stderr, "tlsblast: unknown mode %s\n", args[0]);
    return 2;
}
