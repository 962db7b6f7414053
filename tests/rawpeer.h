#pragma once

// Test support: a peer on a plain non-blocking POSIX socket. QTcpSocket is
// no good as a peer for half-close tests: it closes its whole socket as soon
// as it reads a FIN, so it can neither answer after one nor send its own
// half-close. Poll it from QTRY_* loops.
#include <QByteArray>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <utility>

namespace sockscope {

class RawPeer final {
public:
    RawPeer() = default;
    explicit RawPeer(int fd)
        : m_fd(fd) {
        ::fcntl(m_fd, F_SETFL, O_NONBLOCK);
    }
    RawPeer(const RawPeer&) = delete;
    RawPeer& operator=(const RawPeer&) = delete;
    RawPeer(RawPeer&& other) noexcept
        : received(std::exchange(other.received, {}))
        , sawEof(std::exchange(other.sawEof, false))
        , m_fd(std::exchange(other.m_fd, -1)) {}
    RawPeer& operator=(RawPeer&& other) noexcept {
        close();
        m_fd = std::exchange(other.m_fd, -1);
        received = std::exchange(other.received, {});
        sawEof = std::exchange(other.sawEof, false);
        return *this;
    }
    ~RawPeer() { close(); }

    // A listening socket on 127.0.0.1, port picked by the kernel.
    static RawPeer listenOnLoopback(quint16* port) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        ::listen(fd, 16);
        socklen_t length = sizeof(address);
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        *port = ntohs(address.sin_port);
        return RawPeer(fd);
    }
    // Connects to 127.0.0.1:port; the kernel completes it without the server app.
    static RawPeer connectToLoopback(quint16 port) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        return RawPeer(fd);
    }
    // Starts connecting to 127.0.0.1:port without waiting for the handshake:
    // a listener with a full accept queue drops the SYN, and a blocking
    // connect would hang the test for minutes of retries.
    static RawPeer startConnectToLoopback(quint16 port) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        return RawPeer(fd);
    }
    // For a listening peer: the next accepted connection, or an invalid peer.
    RawPeer accept() { return RawPeer(::accept(m_fd, nullptr, nullptr)); }

    bool isValid() const { return m_fd >= 0; }
    int descriptor() const { return m_fd; }
    quint16 localPort() const {
        sockaddr_in address{};
        socklen_t length = sizeof(address);
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length);
        return ntohs(address.sin_port);
    }
    // The kernel's view: tcpi_state (TCP_ESTABLISHED, TCP_SYN_SENT, ...) and
    // tcpi_total_retrans (SYNs included).
    tcp_info tcpInfo() const {
        tcp_info info{};
        socklen_t length = sizeof(info);
        ::getsockopt(m_fd, IPPROTO_TCP, TCP_INFO, &info, &length);
        return info;
    }
    // Reads what is there; true once the other side's FIN has been read.
    bool poll() {
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (n > 0) {
                received.append(buffer, n);
                continue;
            }
            if (n == 0)
                sawEof = true;
            return sawEof;
        }
    }
    // What the kernel took of [data, data + size), or -1.
    qsizetype writeSome(const char* data, qsizetype size) {
        return ::send(m_fd, data, size_t(size), MSG_NOSIGNAL);
    }
    bool write(const QByteArray& bytes) {
        return ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
    }
    bool shutdownWrite() { return ::shutdown(m_fd, SHUT_WR) == 0; }
    void close() {
        if (m_fd >= 0)
            ::close(std::exchange(m_fd, -1));
    }

    QByteArray received;
    bool sawEof = false;

private:
    int m_fd = -1;
};

} // namespace sockscope
