/* The plain reference server the benchmarks compare SockScope with: one
 * thread, level-triggered epoll, non-blocking sockets, a 256 KiB read buffer
 * (the size SockScope reads with), no capture. It is what "as fast as a
 * socket server can be without doing anything else" looks like on this
 * machine.
 *
 *   epoll_server discard|echo [--port P] [--backlog N]
 *
 * Prints "listening 127.0.0.1:PORT" (flushed), then serves until SIGTERM or
 * SIGINT and prints "stats accepts=N closes=N bytes_in=N bytes_out=N".
 * discard: reads and drops; closes after the peer's FIN.
 * echo: writes every byte back (stops reading while a write is pending);
 * after the peer's FIN, finishes writing and closes.
 * Both answer like SockScope's responders of the same name. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

enum { kBufferSize = 256 * 1024, kMaxEvents = 256 };

struct conn {
    char *pending; /* echo: bytes read but not yet written back */
    size_t pending_len, pending_off;
    int peer_fin;
};

static volatile sig_atomic_t g_stop;
static struct conn *g_conns;
static size_t g_max_fds;
static int g_epoll;
static int g_echo;
static unsigned long long g_accepts, g_closes, g_in, g_out;

static void on_signal(int sig) {
    (void)sig;
    g_stop = 1;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void close_conn(int fd) {
    struct conn *c = &g_conns[fd];
    free(c->pending);
    memset(c, 0, sizeof *c);
    epoll_ctl(g_epoll, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    ++g_closes;
}

static void set_interest(int fd, unsigned events) {
    struct epoll_event ev = {.events = events, .data.fd = fd};
    epoll_ctl(g_epoll, EPOLL_CTL_MOD, fd, &ev);
}

/* Returns 0 when everything pending is written, 1 when the socket is full,
 * -1 when the connection failed. */
static int flush_pending(int fd) {
    struct conn *c = &g_conns[fd];
    while (c->pending_off < c->pending_len) {
        ssize_t n = send(fd, c->pending + c->pending_off, c->pending_len - c->pending_off,
                         MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 1;
            return -1;
        }
        c->pending_off += (size_t)n;
        g_out += (unsigned long long)n;
    }
    c->pending_len = c->pending_off = 0;
    return 0;
}

static void on_writable(int fd) {
    int r = flush_pending(fd);
    if (r < 0) {
        close_conn(fd);
    } else if (r == 0) {
        if (g_conns[fd].peer_fin)
            close_conn(fd);
        else
            set_interest(fd, EPOLLIN);
    }
}

static void on_readable(int fd, char *buffer) {
    struct conn *c = &g_conns[fd];
    for (int i = 0; i < 16; ++i) {
        ssize_t n = recv(fd, buffer, kBufferSize, 0);
        if (n > 0) {
            g_in += (unsigned long long)n;
            if (!g_echo) {
                if (n < kBufferSize)
                    return;
                continue;
            }
            ssize_t w = send(fd, buffer, (size_t)n, MSG_NOSIGNAL);
            if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                close_conn(fd);
                return;
            }
            if (w < 0)
                w = 0;
            g_out += (unsigned long long)w;
            if (w < n) {
                /* Keep the rest and stop reading until it is written:
                 * back-pressure, as SockScope's echo has. */
                size_t rest = (size_t)(n - w);
                if (!c->pending)
                    c->pending = malloc(kBufferSize);
                if (!c->pending)
                    die("malloc");
                memcpy(c->pending, buffer + w, rest);
                c->pending_len = rest;
                c->pending_off = 0;
                set_interest(fd, EPOLLOUT);
                return;
            }
            if (n < kBufferSize)
                return;
            continue;
        }
        if (n == 0) {
            c->peer_fin = 1;
            if (c->pending_len == 0)
                close_conn(fd);
            else
                set_interest(fd, EPOLLOUT);
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            close_conn(fd);
        return;
    }
}

static void on_listener(int lfd) {
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return; /* EAGAIN, or EMFILE: the next wakeup retries */
        }
        if ((size_t)fd >= g_max_fds) {
            close(fd);
            continue;
        }
        ++g_accepts;
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* as SockScope does */
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        if (epoll_ctl(g_epoll, EPOLL_CTL_ADD, fd, &ev) < 0)
            die("epoll_ctl");
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || (strcmp(argv[1], "discard") != 0 && strcmp(argv[1], "echo") != 0)) {
        fprintf(stderr, "usage: epoll_server discard|echo [--port P] [--backlog N]\n");
        return 2;
    }
    g_echo = strcmp(argv[1], "echo") == 0;
    int port = 0, backlog = 1024;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0)
            port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--backlog") == 0)
            backlog = atoi(argv[i + 1]);
    }

    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    g_max_fds = rl.rlim_cur;
    g_conns = calloc(g_max_fds, sizeof *g_conns);
    if (!g_conns)
        die("calloc");

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (lfd < 0)
        die("socket");
    const int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0)
        die("bind");
    if (listen(lfd, backlog) < 0)
        die("listen");
    socklen_t len = sizeof addr;
    getsockname(lfd, (struct sockaddr *)&addr, &len);

    g_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (g_epoll < 0)
        die("epoll_create1");
    struct epoll_event lev = {.events = EPOLLIN, .data.fd = lfd};
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, lfd, &lev);

    printf("listening 127.0.0.1:%d\n", ntohs(addr.sin_port));
    fflush(stdout);

    char *buffer = malloc(kBufferSize);
    if (!buffer)
        die("malloc");
    struct epoll_event events[kMaxEvents];
    while (!g_stop) {
        int n = epoll_wait(g_epoll, events, kMaxEvents, 200);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; ++i) {
            int fd = events[i].data.fd;
            if (fd == lfd)
                on_listener(lfd);
            else if (events[i].events & EPOLLOUT)
                on_writable(fd);
            else if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                on_readable(fd, buffer);
        }
    }
    printf("stats accepts=%llu closes=%llu bytes_in=%llu bytes_out=%llu\n", g_accepts, g_closes,
           g_in, g_out);
    return 0;
}
