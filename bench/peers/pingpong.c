/* The client of the relay latency and scale figures, against an echo server
 * directly or through a relay, so only the path differs.
 *
 *   pingpong rtt   HOST PORT N   one connection (TCP_NODELAY); 200 warm-up
 *                                round trips, then N round trips of 1 byte
 *                                each (write 1, read 1), each timed with
 *                                CLOCK_MONOTONIC; then half-close and wait
 *                                for the server's close. With --direct P,
 *                                a second connection to HOST:P does the
 *                                same, in blocks of 100 round trips
 *                                alternating with the first, so both see
 *                                the same load (relay vs straight to its
 *                                upstream)
 *   pingpong pairs HOST PORT N   open N connections at once and keep them:
 *                                connect each, write one line on each, then
 *                                read every line back (poll); print the
 *                                result and "held ...", wait for EOF on
 *                                stdin, then close them all
 *   options: --timeout SECONDS (default 120): give up, print "error timeout"
 *            --direct PORT: rtt only, see above
 *
 * Prints one line "result mode=... key=value ..." on success, exit 0.
 * rtt: median_us, p99_us, min_us, max_us, mean_us over the N round trips,
 * and the same prefixed direct_ for the --direct connection.
 * pairs: seconds from the first connect to the last line read back,
 * connect_max_ms (the slowest connect()), echo_max_ms (the slowest line). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { kWarmup = 200, kLine = 32, kBlock = 100 };

static struct sockaddr_in g_addr, g_direct;

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

static void die(const char* what) {
    printf("error %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static int open_connection_to(const struct sockaddr_in* addr, double* seconds) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    double t0 = now();
    while (connect(fd, (const struct sockaddr*)addr, sizeof *addr) < 0) {
        if (errno != EINTR)
            die("connect");
    }
    if (seconds)
        *seconds = now() - t0;
    return fd;
}

static int open_connection(double* seconds) {
    return open_connection_to(&g_addr, seconds);
}

static int cmp_double(const void* a, const void* b) {
    double x = *(const double*)a, y = *(const double*)b;
    return x < y ? -1 : x > y;
}

static void round_trip(int fd, char c) {
    while (send(fd, &c, 1, MSG_NOSIGNAL) != 1) {
        if (errno != EINTR)
            die("send");
    }
    char back;
    for (;;) {
        ssize_t n = recv(fd, &back, 1, 0);
        if (n == 1)
            break;
        if (n == 0) {
            printf("error early-close\n");
            exit(1);
        }
        if (errno != EINTR)
            die("recv");
    }
    if (back != c) {
        printf("error mismatch\n");
        exit(1);
    }
}

static void summary(const char* prefix, double* t, long n) {
    double sum = 0;
    for (long i = 0; i < n; ++i)
        sum += t[i];
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    printf(" %smedian_us=%.2f %sp99_us=%.2f %smin_us=%.2f %smax_us=%.2f %smean_us=%.2f", prefix,
           t[n / 2], prefix, t[(long)((double)n * 0.99)], prefix, t[0], prefix, t[n - 1], prefix,
           sum / (double)n);
}

static void finish(int fd) {
    shutdown(fd, SHUT_WR);
    char sink[64];
    while (recv(fd, sink, sizeof sink, 0) > 0) {
    }
    close(fd);
}

/* With a direct port, blocks of kBlock round trips alternate between the
 * two connections, so that both see the same load on the machine. */
static int mode_rtt(long n) {
    int fd = open_connection(NULL);
    int direct = g_direct.sin_port ? open_connection_to(&g_direct, NULL) : -1;
    double* t = malloc(sizeof *t * (size_t)n);
    double* d = malloc(sizeof *d * (size_t)n);
    if (!t || !d)
        die("malloc");
    for (int i = 0; i < kWarmup; ++i) {
        round_trip(fd, (char)('a' + i % 26));
        if (direct >= 0)
            round_trip(direct, (char)('a' + i % 26));
    }
    long done = 0, done_direct = 0;
    while (done < n) {
        for (long i = 0; i < kBlock && done < n; ++i, ++done) {
            double t0 = now();
            round_trip(fd, (char)('a' + done % 26));
            t[done] = (now() - t0) * 1e6;
        }
        for (long i = 0; direct >= 0 && i < kBlock && done_direct < n; ++i, ++done_direct) {
            double t0 = now();
            round_trip(direct, (char)('a' + done_direct % 26));
            d[done_direct] = (now() - t0) * 1e6;
        }
    }
    finish(fd);
    if (direct >= 0)
        finish(direct);
    printf("result mode=rtt n=%ld", n);
    summary("", t, n);
    if (direct >= 0)
        summary("direct_", d, n);
    printf("\n");
    return 0;
}

static int mode_pairs(long n) {
    int* fds = malloc(sizeof *fds * (size_t)n);
    size_t* got = calloc((size_t)n, sizeof *got);
    double* sent_at = malloc(sizeof *sent_at * (size_t)n);
    struct pollfd* p = calloc((size_t)n, sizeof *p);
    if (!fds || !got || !sent_at || !p)
        die("malloc");
    double t0 = now(), connect_max = 0, echo_max = 0;
    char line[kLine];
    for (long i = 0; i < n; ++i) {
        double c;
        fds[i] = open_connection(&c);
        if (c > connect_max)
            connect_max = c;
        int len = snprintf(line, sizeof line, "pair %09ld\n", i);
        if (send(fds[i], line, (size_t)len, MSG_NOSIGNAL) != len)
            die("send");
        sent_at[i] = now();
    }
    const size_t want = (size_t)snprintf(line, sizeof line, "pair %09d\n", 0);
    long done = 0;
    while (done < n) {
        for (long i = 0; i < n; ++i) {
            p[i].fd = got[i] < want ? fds[i] : -1;
            p[i].events = POLLIN;
        }
        if (poll(p, (nfds_t)n, 1000) < 0 && errno != EINTR)
            die("poll");
        for (long i = 0; i < n; ++i) {
            if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char back[kLine];
            ssize_t k = recv(fds[i], back, want - got[i], MSG_DONTWAIT);
            if (k == 0) {
                printf("error early-close pair=%ld\n", i);
                return 1;
            }
            if (k < 0 && errno != EAGAIN && errno != EINTR)
                die("recv");
            if (k <= 0)
                continue;
            snprintf(line, sizeof line, "pair %09ld\n", i);
            if (memcmp(back, line + got[i], (size_t)k) != 0) {
                printf("error mismatch pair=%ld\n", i);
                return 1;
            }
            got[i] += (size_t)k;
            if (got[i] == want) {
                ++done;
                if (now() - sent_at[i] > echo_max)
                    echo_max = now() - sent_at[i];
            }
        }
    }
    double t = now() - t0;
    printf("result mode=pairs n=%ld seconds=%.6f connect_max_ms=%.2f echo_max_ms=%.2f\n", n, t,
           connect_max * 1e3, echo_max * 1e3);
    printf("held %ld\n", n);
    fflush(stdout);
    alarm(0);
    char sink[64];
    while (read(0, sink, sizeof sink) > 0) {
    }
    for (long i = 0; i < n; ++i)
        close(fds[i]);
    return 0;
}

int main(int argc, char** argv) {
    char* args[4];
    int nargs = 0, timeout = 120, direct_port = 0;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            timeout = atoi(argv[++i]);
        else if (strcmp(argv[i], "--direct") == 0 && i + 1 < argc)
            direct_port = atoi(argv[++i]);
        else if (nargs < 4)
            args[nargs++] = argv[i];
    }
    if (nargs != 4 || (strcmp(args[0], "rtt") != 0 && strcmp(args[0], "pairs") != 0)) {
        fprintf(stderr, "usage: pingpong rtt|pairs HOST PORT N [--timeout S] [--direct PORT]\n");
        return 2;
    }
    long n = atol(args[3]);
    if (n <= 0) {
        fprintf(stderr, "pingpong: N must be positive\n");
        return 2;
    }
    g_addr.sin_family = AF_INET;
    g_addr.sin_port = htons((unsigned short)atoi(args[2]));
    if (inet_pton(AF_INET, args[1], &g_addr.sin_addr) != 1) {
        fprintf(stderr, "pingpong: %s is not an IPv4 address\n", args[1]);
        return 2;
    }
    if (direct_port > 0) {
        g_direct = g_addr;
        g_direct.sin_port = htons((unsigned short)direct_port);
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    signal(SIGALRM, on_alarm);
    alarm((unsigned)timeout);
    setvbuf(stdout, NULL, _IOLBF, 0);
    return strcmp(args[0], "rtt") == 0 ? mode_rtt(n) : mode_pairs(n);
}
