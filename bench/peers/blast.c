/* The load generator for every benchmark: the same client against
 * SockScope and against each reference peer, so only the server differs.
 *
 *   blast send     HOST PORT BYTES  one connection; write BYTES as fast as
 *                                   possible, shut down the write side, wait
 *                                   for the server's close (so every byte was
 *                                   read by the server); rate = BYTES / time
 *   blast echo     HOST PORT BYTES  one connection; write and read at once
 *                                   (poll); time until all BYTES came back
 *                                   (and match what was sent)
 *   blast connects HOST PORT N      N sequential connect()+close(), each
 *                                   connect timed; then a sentinel connection
 *                                   that waits for the server's close: the
 *                                   accept queue is FIFO, so by then the
 *                                   server has accepted all N
 *   blast hold     HOST PORT N      open N connections and keep them, plus
 *                                   the sentinel; print "held ...", wait for
 *                                   EOF on stdin, then close them all
 *   blast many     HOST PORT BYTES  --conns N connections at once, each writes
 *                                   BYTES (poll), shuts down its side and waits
 *                                   for the server's close; rate = all bytes /
 *                                   time
 *   blast noread   HOST PORT BYTES  --conns N connections that write up to
 *                                   BYTES each and never read (an echo server's
 *                                   write queues fill); print "stalled ..." once
 *                                   no write progressed for 1 s, wait for EOF
 *                                   on stdin, then close them all
 *   options: --timeout SECONDS (default 120): give up, print "error timeout"
 *            --conns N (default 64): for many and noread
 *
 * Prints one line "result mode=... key=value ..." on success, exit 0. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { kChunk = 256 * 1024, kPeriod = 61 };

static struct sockaddr_in g_addr;
static char *g_pattern; /* kChunk + kPeriod bytes of a 61-periodic text */

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

static int open_connection(double *seconds) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    double t0 = now();
    while (connect(fd, (struct sockaddr *)&g_addr, sizeof g_addr) < 0) {
        if (errno != EINTR)
            die("connect");
    }
    if (seconds)
        *seconds = now() - t0;
    return fd;
}

/* After our FIN, the servers under test close once they have read it all. */
static void wait_for_close(int fd) {
    char sink[65536];
    for (;;) {
        ssize_t n = recv(fd, sink, sizeof sink, 0);
        if (n == 0)
            return;
        if (n < 0 && errno != EINTR) {
            if (errno == ECONNRESET)
                return;
            die("recv");
        }
    }
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int mode_send(long long total) {
    int fd = open_connection(NULL);
    double t0 = now();
    long long sent = 0;
    while (sent < total) {
        size_t want = (size_t)(total - sent < kChunk ? total - sent : kChunk);
        ssize_t n = send(fd, g_pattern + sent % kPeriod, want, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die("send");
        }
        sent += n;
    }
    double t_written = now() - t0;
    shutdown(fd, SHUT_WR);
    wait_for_close(fd);
    double t = now() - t0;
    close(fd);
    printf("result mode=send bytes=%lld seconds=%.6f mibps=%.1f written_seconds=%.6f\n", total, t,
           (double)total / t / 1048576.0, t_written);
    return 0;
}

static int mode_echo(long long total) {
    int fd = open_connection(NULL);
    char *in = malloc(kChunk);
    if (!in)
        die("malloc");
    double t0 = now();
    long long sent = 0, received = 0;
    int shut = 0;
    while (received < total) {
        struct pollfd p = {.fd = fd, .events = POLLIN | (sent < total ? POLLOUT : 0)};
        if (poll(&p, 1, 1000) < 0 && errno != EINTR)
            die("poll");
        if (p.revents & POLLOUT) {
            size_t want = (size_t)(total - sent < kChunk ? total - sent : kChunk);
            ssize_t n = send(fd, g_pattern + sent % kPeriod, want, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                die("send");
            if (n > 0)
                sent += n;
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = recv(fd, in, kChunk, MSG_DONTWAIT);
            if (n == 0) {
                printf("error early-close received=%lld\n", received);
                return 1;
            }
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                die("recv");
            if (n > 0) {
                if (memcmp(in, g_pattern + received % kPeriod, (size_t)n) != 0) {
                    printf("error mismatch at=%lld\n", received);
                    return 1;
                }
                received += n;
            }
        }
        if (sent == total && !shut) {
            shutdown(fd, SHUT_WR);
            shut = 1;
        }
    }
    double t = now() - t0;
    wait_for_close(fd);
    close(fd);
    printf("result mode=echo bytes=%lld seconds=%.6f mibps=%.1f\n", total, t,
           (double)total / t / 1048576.0);
    return 0;
}

/* Writes from every connection at once; returns when each has sent total
 * (or, with stall_s > 0, when no write progressed for stall_s seconds). */
static long long write_all(int *fds, long long *sent, int n, long long total, double stall_s) {
    struct pollfd *p = calloc((size_t)n, sizeof *p);
    if (!p)
        die("calloc");
    long long sum = 0;
    double last = now();
    for (;;) {
        int open = 0;
        for (int i = 0; i < n; ++i) {
            p[i].fd = sent[i] < total ? fds[i] : -1;
            p[i].events = POLLOUT;
            open += sent[i] < total;
        }
        if (!open)
            break;
        int ready = poll(p, (nfds_t)n, 100);
        if (ready < 0 && errno != EINTR)
            die("poll");
        for (int i = 0; i < n; ++i) {
            if (!(p[i].revents & (POLLOUT | POLLERR | POLLHUP)))
                continue;
            long long left = total - sent[i];
            size_t want = (size_t)(left < kChunk ? left : kChunk);
            ssize_t k = send(fds[i], g_pattern + sent[i] % kPeriod, want,
                             MSG_NOSIGNAL | MSG_DONTWAIT);
            if (k < 0 && errno != EAGAIN && errno != EINTR)
                die("send");
            if (k > 0) {
                sent[i] += k;
                sum += k;
                last = now();
            }
        }
        if (stall_s > 0 && now() - last > stall_s)
            break;
    }
    free(p);
    return sum;
}

static int mode_many(long long total, int n) {
    int *fds = malloc(sizeof *fds * (size_t)n);
    long long *sent = calloc((size_t)n, sizeof *sent);
    if (!fds || !sent)
        die("malloc");
    for (int i = 0; i < n; ++i)
        fds[i] = open_connection(NULL);
    double t0 = now();
    write_all(fds, sent, n, total, 0);
    for (int i = 0; i < n; ++i)
        shutdown(fds[i], SHUT_WR);
    for (int i = 0; i < n; ++i) {
        wait_for_close(fds[i]);
        close(fds[i]);
    }
    double t = now() - t0;
    double all = (double)total * n;
    printf("result mode=many conns=%d bytes=%.0f seconds=%.6f mibps=%.1f\n", n, all, t,
           all / t / 1048576.0);
    return 0;
}

static int mode_noread(long long total, int n) {
    int *fds = malloc(sizeof *fds * (size_t)n);
    long long *sent = calloc((size_t)n, sizeof *sent);
    if (!fds || !sent)
        die("malloc");
    for (int i = 0; i < n; ++i)
        fds[i] = open_connection(NULL);
    double t0 = now();
    long long sum = write_all(fds, sent, n, total, 1.0);
    printf("result mode=noread conns=%d sent=%lld seconds=%.6f\n", n, sum, now() - t0);
    printf("stalled %d\n", n);
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin))
        ;
    alarm(0);
    for (int i = 0; i < n; ++i)
        close(fds[i]);
    printf("released %d\n", n);
    return 0;
}

static long count_slow(const double *lat, long n) {
    long slow = 0;
    for (long i = 0; i < n; ++i)
        slow += lat[i] > 0.1;
    return slow;
}

static void print_latencies(const char *mode, long n, double seconds, double *lat) {
    long slow = count_slow(lat, n);
    qsort(lat, (size_t)n, sizeof *lat, cmp_double);
    printf("result mode=%s n=%ld seconds=%.6f rate=%.1f connect_p50_ms=%.3f connect_p99_ms=%.3f "
           "connect_max_ms=%.3f slow_connects=%ld\n",
           mode, n, seconds, (double)n / seconds, lat[n / 2] * 1e3, lat[n * 99 / 100] * 1e3,
           lat[n - 1] * 1e3, slow);
}

static int mode_connects(long n) {
    double *lat = malloc(sizeof *lat * (size_t)n);
    if (!lat)
        die("malloc");
    double t0 = now();
    for (long i = 0; i < n; ++i) {
        int fd = open_connection(&lat[i]);
        close(fd);
    }
    int sentinel = open_connection(NULL);
    shutdown(sentinel, SHUT_WR);
    wait_for_close(sentinel);
    close(sentinel);
    double t = now() - t0;
    print_latencies("connects", n, t, lat);
    return 0;
}

static int mode_hold(long n) {
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < (rlim_t)n + 64) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur < (rlim_t)n + 64) {
            printf("error RLIMIT_NOFILE hard limit %llu is below %ld\n",
                   (unsigned long long)rl.rlim_max, n + 64);
            return 1;
        }
    }
    int *fds = malloc(sizeof *fds * (size_t)n);
    double *lat = malloc(sizeof *lat * (size_t)n);
    if (!fds || !lat)
        die("malloc");
    double t0 = now();
    for (long i = 0; i < n; ++i)
        fds[i] = open_connection(&lat[i]);
    int sentinel = open_connection(NULL);
    shutdown(sentinel, SHUT_WR);
    wait_for_close(sentinel);
    close(sentinel);
    double t = now() - t0;
    print_latencies("hold", n, t, lat);
    printf("held %ld\n", n);
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin))
        ;
    alarm(0);
    for (long i = 0; i < n; ++i)
        close(fds[i]);
    printf("released %ld\n", n);
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int timeout = 120;
    int conns = 64;
    int positional = 0;
    const char *args[4] = {0};
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            timeout = atoi(argv[++i]);
        else if (strcmp(argv[i], "--conns") == 0 && i + 1 < argc)
            conns = atoi(argv[++i]);
        else if (positional < 4)
            args[positional++] = argv[i];
    }
    if (positional != 4) {
        fprintf(stderr, "usage: blast send|echo|connects|hold|many|noread HOST PORT COUNT [--timeout S] [--conns N]\n");
        return 2;
    }
    g_addr.sin_family = AF_INET;
    g_addr.sin_port = htons((unsigned short)atoi(args[2]));
    if (inet_pton(AF_INET, strcmp(args[1], "localhost") == 0 ? "127.0.0.1" : args[1],
                  &g_addr.sin_addr) != 1) {
        fprintf(stderr, "blast: HOST must be an IPv4 address\n");
        return 2;
    }
    long long count = atoll(args[3]);
    if (count <= 0) {
        fprintf(stderr, "blast: COUNT must be positive\n");
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

    if (strcmp(args[0], "send") == 0)
        return mode_send(count);
    if (strcmp(args[0], "echo") == 0)
        return mode_echo(count);
    if (strcmp(args[0], "connects") == 0)
        return mode_connects((long)count);
    if (strcmp(args[0], "hold") == 0)
        return mode_hold((long)count);
    if (conns < 1) {
        fprintf(stderr, "blast: --conns must be positive\n");
        return 2;
    }
    if (strcmp(args[0], "many") == 0)
        return mode_many(count, conns);
    if (strcmp(args[0], "noread") == 0)
        return mode_noread(count, conns);
    fprintf(stderr, "blast: unknown mode %s\n", args[0]);
    return 2;
}
