#include "net/endpoint.h"

namespace sockscope {

QHostAddress unmapIPv4(const QHostAddress& address) {
    // Only ::ffff:a.b.c.d is IPv4 in disguise; Qt's toIPv4Address() also
    // "converts" :: to 0.0.0.0, which would hide a dual-stack listener.
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 0; i < 10; ++i) {
        if (bytes[i] != 0)
            return address;
    }
    if (bytes[10] != 0xff || bytes[11] != 0xff)
        return address;
    return QHostAddress((quint32(bytes[12]) << 24) | (quint32(bytes[13]) << 16) |
                        (quint32(bytes[14]) << 8) | quint32(bytes[15]));
}

QString formatEndpoint(const QHostAddress& address, quint16 port) {
    const QHostAddress shown = unmapIPv4(address);
    // Qt's dual-stack "Any" prints as "::" only once called IPv6.
    const bool dualStackAny = shown.protocol() == QAbstractSocket::AnyIPProtocol;
    QString text = dualStackAny ? QStringLiteral("::") : shown.toString();
    if (dualStackAny || shown.protocol() == QAbstractSocket::IPv6Protocol)
        text = u'[' + text + u']';
    return text + u':' + QString::number(port);
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
