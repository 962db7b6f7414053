#pragma once

#include <QHostAddress>
#include <QString>

#include <array>
#include <optional>

struct sockaddr;

namespace sockscope {

// An IP address and port in binary, as the kernel reports them. Events carry
// these rather than text, so that no consumer parses an address back (the
// tree's ports, the pcap export's packets) and text is made only to show or
// export one. IPv4-mapped IPv6 addresses are held as IPv4, as they are shown.
class SocketAddress {
public:
    enum class Family : quint8 { None, IPv4, IPv6 };

    SocketAddress() = default; // no address: not known, or not about one
    // Reads an AF_INET or AF_INET6 address; anything else gives no address.
    static SocketAddress fromSockaddr(const sockaddr* address);
    static SocketAddress fromHostAddress(const QHostAddress& address, quint16 port);
    // The text toString() writes, "127.0.0.1:8080" or "[::1]:8080"; host
    // names and anything else give nullopt.
    static std::optional<SocketAddress> fromString(QStringView text);

    bool isNull() const { return m_family == Family::None; }
    Family family() const { return m_family; }
    quint16 port() const { return m_port; }
    // IPv4 in the first 4 bytes, network order.
    const std::array<quint8, 16>& bytes() const { return m_bytes; }
    QHostAddress hostAddress() const;
    // "127.0.0.1:8080", "[::1]:8080"; empty for no address.
    QString toString() const;

    friend bool operator==(const SocketAddress&, const SocketAddress&) = default;

private:
    std::array<quint8, 16> m_bytes{};
    quint32 m_scopeId = 0; // IPv6 link-local interface index
    quint16 m_port = 0;
    Family m_family = Family::None;
};

} // namespace sockscope
