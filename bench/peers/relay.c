/* The plain reference relay the relay benchmarks compare SockScope's forward
 * responder with: one thread, level-triggered epoll, non-blocking sockets,
 * no capture. Each accepted connection gets its own upstream connection;
 * bytes move both ways with splice() through one pipe per direction, so they
 * never enter user space. It is what "as fast as a relay can be without
 * looking at the bytes" looks like on this machine.
 *
 *   relay UPSTREAM_HOST UPSTREAM_PORT [--port P] [--backlog N]
 *
 * Prints "listening 127.0.0.1:PORT" (flushed), then relays until SIGTERM or
 * SIGINT and prints "stats accepts=N closes=N bytes_up=N bytes_down=N".
 * A FIN on one leg becomes shutdown(SHUT_WR) on the other once that
 * direction's pipe has drained; a pair closes when both directions are done.
 * A reset or error on either leg, or a failed upstream connect, ends the pair
 * with a reset (SO_LINGER 0) on both legs. Each pipe holds at most
 * kPipeSize bytes, and a direction stops reading while its pipe is full: a
 * slow reader holds its writer back and memory stays bounded. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
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

enum { kPipeSize = 256 * 1024, kMaxEvents = 256, kRounds = 16 };

/* One direction: bytes read from src wait in the pipe until dst takes them. */
struct flow {
    int src, dst;
    int pipe_r, pipe_w;
    size_t queued; /* bytes in the pipe */
    size_t capacity;
    int eof;  /* src sent its FIN */
    int shut; /* that FIN was passed on to dst */
    unsigned long long* counter;
};

struct pair;

/* What epoll hands back: which socket of which pair. */
struct end {
    struct pair* pair;
    int fd;
    unsigned interest;
    int quiet; /* taken out of epoll: read to its FIN, and our FIN sent */
};

struct pair {
    struct end client, upstream;
    struct flow up, down; /* client -> upstream, upstream -> client */
    int connected;
    int closed;
    struct pair* next_closed;
};

static volatile sig_atomic_t g_stop;
static int g_epoll;
static struct sockaddr_in g_upstream;
static unsigned long long g_accepts, g_closes, g_up, g_down;
/* Closed pairs are freed after the epoll batch: a later event of the same
 * batch may still point at one. */
static struct pair* g_closed;

static void on_signal(int sig) {
    (void)sig;
    g_stop = 1;
}

static void die(const char* what) {
    perror(what);
    exit(1);
}

static void set_interest(struct end* e, unsigned events) {
    if (e->interest == events)
        return;
    e->interest = events;
    struct epoll_event ev = {.events = events, .data.ptr = e};
    if (epoll_ctl(g_epoll, EPOLL_CTL_MOD, e->fd, &ev) < 0)
        die("epoll_ctl");
}

static int open_flow(struct flow* f, int src, int dst, unsigned long long* counter) {
    int p[2];
    if (pipe2(p, O_NONBLOCK | O_CLOEXEC) < 0)
        return -1;
    /* A bigger pipe than the default 64 KiB, as SockScope reads 256 KiB at a
     * time; if the system refuses, the default serves. */
    fcntl(p[1], F_SETPIPE_SZ, kPipeSize);
    int size = fcntl(p[1], F_GETPIPE_SZ);
    *f = (struct flow){.src = src,
                       .dst = dst,
                       .pipe_r = p[0],
                       .pipe_w = p[1],
                       .capacity = size > 0 ? (size_t)size : 65536,
                       .counter = counter};
    return 0;
}

static void close_pair(struct pair* p, int reset) {
    if (p->closed)
        return;
    struct end* ends[2] = {&p->client, &p->upstream};
    for (int i = 0; i < 2; ++i) {
        if (reset) {
            const struct linger hard = {.l_onoff = 1, .l_linger = 0};
            setsockopt(ends[i]->fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        }
        if (!ends[i]->quiet)
            epoll_ctl(g_epoll, EPOLL_CTL_DEL, ends[i]->fd, NULL);
        close(ends[i]->fd);
    }
    struct flow* flows[2] = {&p->up, &p->down};
    for (int i = 0; i < 2; ++i) {
        close(flows[i]->pipe_r);
        close(flows[i]->pipe_w);
    }
    p->closed = 1;
    p->next_closed = g_closed;
    g_closed = p;
    ++g_closes;
}

/* Moves what it can; returns -1 when the pair failed. */
static int pump(struct flow* f) {
    for (int round = 0; round < kRounds; ++round) {
        int progress = 0;
        if (!f->eof && f->queued < f->capacity) {
            ssize_t n = splice(f->src, NULL, f->pipe_w, NULL, f->capacity - f->queued,
                               SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
            if (n > 0) {
                f->queued += (size_t)n;
                progress = 1;
            } else if (n == 0) {
                f->eof = 1;
            } else if (errno != EAGAIN && errno != EINTR) {
                return -1;
            }
        }
        if (f->queued > 0) {
            ssize_t n =
                splice(f->pipe_r, NULL, f->dst, NULL, f->queued, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
            if (n > 0) {
                f->queued -= (size_t)n;
                *f->counter += (unsigned long long)n;
                progress = 1;
            } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
                return -1;
            }
        }
        if (!progress)
            break;
    }
    if (f->eof && f->queued == 0 && !f->shut) {
        shutdown(f->dst, SHUT_WR);
        f->shut = 1;
    }
    return 0;
}

/* Level-triggered: read a leg while its flow may still take bytes, wait for
 * writable while its incoming flow has bytes queued. */
static unsigned wanted(const struct flow* out, const struct flow* in) {
    unsigned events = 0;
    if (!out->eof && out->queued < out->capacity)
        events |= EPOLLIN;
    if (in->queued > 0)
        events |= EPOLLOUT;
    return events;
}

/* A leg with nothing left to read or write would report EPOLLHUP to every
 * epoll_wait (level-triggered, it cannot be masked) while the other leg
 * still drains: it leaves epoll instead. */
static void update(struct end* e, const struct flow* out, const struct flow* in) {
    if (out->eof && in->shut) {
        if (!e->quiet)
            epoll_ctl(g_epoll, EPOLL_CTL_DEL, e->fd, NULL);
        e->quiet = 1;
        return;
    }
    set_interest(e, wanted(out, in));
}

static void service(struct pair* p) {
    if (pump(&p->up) < 0 || pump(&p->down) < 0) {
        close_pair(p, 1);
        return;
    }
    if (p->up.shut && p->down.shut) {
        close_pair(p, 0);
        return;
    }
    update(&p->client, &p->up, &p->down);
    update(&p->upstream, &p->down, &p->up);
}

static void on_upstream_connected(struct pair* p) {
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(p->upstream.fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err != 0) {
        close_pair(p, 1);
        return;
    }
    p->connected = 1;
    service(p);
}

static void on_listener(int lfd) {
    for (;;) {
        int cfd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return; /* EAGAIN, or EMFILE: the next wakeup retries */
        }
        ++g_accepts;
        int ufd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        struct pair* p = calloc(1, sizeof *p);
        if (ufd < 0 || !p) {
            close(cfd);
            if (ufd >= 0)
                close(ufd);
            free(p);
            continue;
        }
        const int one = 1;
        setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        setsockopt(ufd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        p->client = (struct end){.pair = p, .fd = cfd};
        p->upstream = (struct end){.pair = p, .fd = ufd, .interest = EPOLLOUT};
        if (open_flow(&p->up, cfd, ufd, &g_up) < 0) {
            close(cfd);
            close(ufd);
            free(p);
            continue;
        }
        if (open_flow(&p->down, ufd, cfd, &g_down) < 0) {
            close(p->up.pipe_r);
            close(p->up.pipe_w);
            close(cfd);
            close(ufd);
            free(p);
            continue;
        }
        /* The client is not read until the upstream is there to take it. */
        struct epoll_event cev = {.events = 0, .data.ptr = &p->client};
        struct epoll_event uev = {.events = EPOLLOUT, .data.ptr = &p->upstream};
        if (epoll_ctl(g_epoll, EPOLL_CTL_ADD, cfd, &cev) < 0 ||
            epoll_ctl(g_epoll, EPOLL_CTL_ADD, ufd, &uev) < 0)
            die("epoll_ctl");
        if (connect(ufd, (struct sockaddr*)&g_upstream, sizeof g_upstream) < 0 &&
            errno != EINPROGRESS) {
            close_pair(p, 1);
            continue;
        }
    }
}

int main(int argc, char** argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: relay UPSTREAM_HOST UPSTREAM_PORT [--port P] [--backlog N]\n");
        return 2;
    }
    g_upstream.sin_family = AF_INET;
    g_upstream.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &g_upstream.sin_addr) != 1) {
        fprintf(stderr, "relay: %s is not an IPv4 address\n", argv[1]);
        return 2;
    }
    int port = 0, backlog = 1024;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0)
            port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--backlog") == 0)
            backlog = atoi(argv[i + 1]);
    }

    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (lfd < 0)
        die("socket");
    const int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr*)&addr, sizeof addr) < 0)
        die("bind");
    if (listen(lfd, backlog) < 0)
        die("listen");
    socklen_t len = sizeof addr;
    getsockname(lfd, (struct sockaddr*)&addr, &len);

    g_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (g_epoll < 0)
        die("epoll_create1");
    /* The listener's epoll data is NULL: every other registration is an end. */
    struct epoll_event lev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, lfd, &lev);

    printf("listening 127.0.0.1:%d\n", ntohs(addr.sin_port));
    fflush(stdout);

    struct epoll_event events[kMaxEvents];
    while (!g_stop) {
        int n = epoll_wait(g_epoll, events, kMaxEvents, 200);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; ++i) {
            struct end* e = events[i].data.ptr;
            if (!e) {
                on_listener(lfd);
                continue;
            }
            struct pair* p = e->pair;
            if (p->closed)
                continue;
            unsigned got = events[i].events;
            if (!p->connected) {
                if (e == &p->upstream)
                    on_upstream_connected(p);
                else if (got & (EPOLLHUP | EPOLLERR))
                    close_pair(p, 1);
                continue;
            }
            service(p);
            /* A failed leg (a reset) fails the pair; what could still be
             * moved has been moved. */
            if (got & EPOLLERR)
                close_pair(p, 1);
        }
        while (g_closed) {
            struct pair* next = g_closed->next_closed;
            free(g_closed);
            g_closed = next;
        }
    }
    printf("stats accepts=%llu closes=%llu bytes_up=%llu bytes_down=%llu\n", g_accepts, g_closes,
           g_up, g_down);
    return 0;
}
