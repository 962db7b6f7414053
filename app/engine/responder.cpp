#include "engine/responder.h"

#include <utility>

namespace sockscope {

ConnectionActions Responder::onReceived(const QByteArray& bytes) {
    if (m_config.kind == ResponderConfig::Kind::Echo)
        return {ConnectionAction::send(m_conn, bytes)};
    if (m_config.kind == ResponderConfig::Kind::Reply)
        return replyOnce();
    return {};
}

ConnectionActions Responder::onPeerFinished() {
    switch (m_config.kind) {
    case ResponderConfig::Kind::Manual:
    case ResponderConfig::Kind::Forward: // a RelayPair decides, not a Responder
        break;
    case ResponderConfig::Kind::Echo: // Close still sends what is queued
    case ResponderConfig::Kind::Discard:
        return {ConnectionAction::of(ConnectionAction::Kind::Close, m_conn)};
    case ResponderConfig::Kind::Reply:
        return replyOnce();
    }
    return {};
}

ConnectionActions Responder::replyOnce() {
    // Half-close after the reply rather than close: closing with the rest of
    // the request unread would make the kernel send RST, which can destroy
    // the reply before the client reads it. The connection ends at the
    // client's FIN.
    if (std::exchange(m_replied, true))
        return {};
    return {ConnectionAction::sendFile(m_conn, m_config.replyFile),
            ConnectionAction::of(ConnectionAction::Kind::HalfClose, m_conn)};
}

std::optional<ResponderConfig> ResponderConfig::parse(const QString& spec, QString* error) {
    ResponderConfig config;
    if (spec == u"manual")
        return config;
    if (spec == u"echo") {
        config.kind = Kind::Echo;
        return config;
    }
    if (spec == u"discard") {
        config.kind = Kind::Discard;
        return config;
    }
    if (spec.startsWith(u"reply:")) {
        config.kind = Kind::Reply;
        config.replySource = spec.mid(6);
        QString reason;
        config.replyFile = FileSource::open(config.replySource, &reason);
        if (!config.replyFile) {
            *error =
                QStringLiteral("cannot read reply file '%1': %2").arg(config.replySource, reason);
            return std::nullopt;
        }
        return config;
    }
    const bool tls = spec.startsWith(u"forward-tls:");
    if (tls || spec.startsWith(u"forward:")) {
        const QString prefix = tls ? QStringLiteral("forward-tls") : QStringLiteral("forward");
        QString reason;
        const std::optional<HostPort> upstream =
            parseHostPort(spec.mid(prefix.size() + 1), &reason);
        if (!upstream) {
            *error = QStringLiteral("%1: %2").arg(prefix, reason);
            return std::nullopt;
        }
        if (upstream->port == 0) {
            *error = QStringLiteral("%1: the upstream needs a port (1-65535), not 0").arg(prefix);
            return std::nullopt;
        }
        config.kind = Kind::Forward;
        config.upstream = *upstream;
        config.upstreamTls.enabled = tls;
        return config;
    }
    *error = QStringLiteral("'%1' is not a responder: use manual, echo, discard, reply:FILE, "
                            "forward:HOST:PORT or forward-tls:HOST:PORT")
                 .arg(spec);
    return std::nullopt;
}

QString ResponderConfig::name() const {
    switch (kind) {
    case Kind::Manual:
        return QStringLiteral("manual");
    case Kind::Echo:
        return QStringLiteral("echo");
    case Kind::Discard:
        return QStringLiteral("discard");
    case Kind::Reply:
        return QStringLiteral("reply:") + replySource;
    case Kind::Forward:
        return (upstreamTls.enabled ? QStringLiteral("forward-tls:") : QStringLiteral("forward:")) +
               formatHostPort(upstream);
    }
    return QString();
}

} // namespace sockscope
