#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

namespace sockscope {

// "127.0.0.1:8080", "[::1]:8080"; IPv4-mapped IPv6 addresses are shown as IPv4.
QString formatEndpoint(const QHostAddress& address, quint16 port);

struct HostPort {
    QString host; // without brackets
    quint16 port = 0;
};
// "host:port", or "[v6]:port" for a literal IPv6 address: how a target is typed.
QString formatHostPort(const HostPort& target);
// Parses "host:port", "[v6]:port" and "v4:port". Names are kept as typed.
std::optional<HostPort> parseHostPort(const QString& text, QString* error);

// Turns what a user typed as a bind address into an address, never silently
// into "any": "localhost" (127.0.0.1), "any" (0.0.0.0), "any6" (:: dual-stack)
// or a literal address. Anything else is refused with a reason.
std::optional<QHostAddress> parseBindAddress(const QString& text, QString* error);

} // namespace sockscope
