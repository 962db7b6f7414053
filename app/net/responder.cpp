#include "net/responder.h"

#include "net/connection.h"

#include <QFile>

#include <memory>
#include <utility>

namespace sockscope {

namespace {
void closeOnPeerFin(Connection* connection) {
    QObject::connect(connection, &Connection::halfClosed, connection, [connection](Closer by) {
        if (by == Closer::Peer)
            connection->close();
    });
}

void replyOnce(Connection* connection, const QByteArray& reply) {
    // Half-close after the reply rather than close: closing with the rest of
    // the request unread would make the kernel send RST, which can destroy
    // the reply before the client reads it. The connection ends at the
    // client's FIN.
    auto answer = [connection, reply, replied = std::make_shared<bool>(false)] {
        if (std::exchange(*replied, true))
            return;
        connection->send(reply);
        connection->halfClose();
    };
    QObject::connect(connection, &Connection::received, connection, answer);
    QObject::connect(connection, &Connection::halfClosed, connection, [answer](Closer by) {
        if (by == Closer::Peer)
            answer();
    });
}
} // namespace

void attachResponder(Connection* connection, const ResponderConfig& config) {
    switch (config.kind) {
    case ResponderConfig::Kind::Manual:
        break;
    case ResponderConfig::Kind::Echo:
        QObject::connect(connection, &Connection::received, connection,
                         [connection](const QByteArray& bytes) { connection->send(bytes); });
        closeOnPeerFin(connection);
        break;
    case ResponderConfig::Kind::Discard:
        closeOnPeerFin(connection);
        break;
    case ResponderConfig::Kind::Reply:
        replyOnce(connection, config.reply);
        break;
    }
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
        QFile file(config.replySource);
        if (config.replySource.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read reply file '%1': %2")
                         .arg(config.replySource, file.errorString());
            return std::nullopt;
        }
        config.reply = file.readAll();
        return config;
    }
    *error = QStringLiteral("'%1' is not a responder: use manual, echo, discard or reply:FILE")
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
    }
    return QString();
}

} // namespace sockscope
