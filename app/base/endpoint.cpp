#include "base/endpoint.h"

#include "base/socketaddress.h"

namespace sockscope {

QString formatEndpoint(const QHostAddress& address, quint16 port) {
    return SocketAddress::fromHostAddress(address, port).toString();
}

QString formatHostPort(const HostPort& target) {
    const bool v6 = target.host.contains(u':');
    return (v6 ? u'[' + target.host + u']' : target.host) + u':' + QString::number(target.port);
}

std::optional<HostPort> parseHostPort(const QString& text, QString* error) {
    const QString trimmed = text.trimmed();
    QString host;
    QString portText;
    if (trimmed.startsWith(u'[')) {
        const qsizetype close = trimmed.indexOf(u']');
        if (close < 0 || close + 1 >= trimmed.size() || trimmed[close + 1] != u':') {
            *error = QStringLiteral("'%1' is not [IPv6]:PORT").arg(text);
            return std::nullopt;
        }
        host = trimmed.mid(1, close - 1);
        portText = trimmed.mid(close + 2);
    } else {
        const qsizetype colon = trimmed.lastIndexOf(u':');
        if (colon < 0) {
            *error = QStringLiteral("'%1' has no port: use HOST:PORT").arg(text);
            return std::nullopt;
        }
        host = trimmed.left(colon);
        portText = trimmed.mid(colon + 1);
        if (host.contains(u':')) {
            *error = QStringLiteral("'%1': write IPv6 addresses in brackets, [::1]:PORT").arg(text);
            return std::nullopt;
        }
    }
    if (host.isEmpty()) {
        *error = QStringLiteral("'%1' has no host").arg(text);
        return std::nullopt;
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535) {
        *error = QStringLiteral("'%1' is not a port (0-65535)").arg(portText);
        return std::nullopt;
    }
    return HostPort{host, quint16(port)};
}

std::optional<QHostAddress> parseBindAddress(const QString& text, QString* error) {
    const QString t = text.trimmed();
    if (t.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    if (t == u"any" || t == u"0.0.0.0")
        return QHostAddress(QHostAddress::AnyIPv4);
    if (t == u"any6" || t == u"::")
        return QHostAddress(QHostAddress::Any); // dual-stack: IPv6 and IPv4-mapped
    QHostAddress address;
    if (t.isEmpty() || !address.setAddress(t)) {
        *error = QStringLiteral("'%1' is not a bind address: use localhost, any, any6 or a "
                                "literal address of this machine")
                     .arg(text);
        return std::nullopt;
    }
    return address;
}

} // namespace sockscope
