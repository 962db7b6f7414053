#include "cli/replayplayer.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <utility>

namespace sockscope {

namespace {
// Stands for each masked field, in both sides, so that only the rest counts.
constexpr char16_t kMaskMark = 0x1;

qint64 firstDifference(QStringView a, QStringView b) {
    const qsizetype common = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (a[i] != b[i])
            return i;
    }
    return common;
}
} // namespace

ReplayPlayer::ReplayPlayer(std::vector<ReplayConversation> conversations, ReplayOptions options,
                           QObject* parent)
    : QObject(parent)
    , m_conversations(std::move(conversations))
    , m_options(std::move(options)) {
    m_expectTimer.setSingleShot(true);
    m_pause.setSingleShot(true);
    connect(&m_expectTimer, &QTimer::timeout, this, &ReplayPlayer::onExpectTimeout);
    connect(&m_pause, &QTimer::timeout, this, [this] {
        const ReplayTurn& turn = m_conversations[m_current].turns[m_turn];
        m_socket->write(turn.bytes);
        ++m_turn;
        nextTurn();
    });
}

ReplayPlayer::~ReplayPlayer() = default;

bool ReplayPlayer::start(QString* error) {
    m_current = 0;
    if (m_options.asServer) {
        m_server = new QTcpServer(this);
        const QString& host = m_options.host;
        const QHostAddress address = host == u"localhost" ? QHostAddress(QHostAddress::LocalHost)
                                     : host == u"any"     ? QHostAddress(QHostAddress::AnyIPv4)
                                     : host == u"any6"    ? QHostAddress(QHostAddress::Any)
                                                          : QHostAddress(host);
        if (address.isNull() || !m_server->listen(address, m_options.port)) {
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(host)
                         .arg(m_options.port)
                         .arg(address.isNull() ? QStringLiteral("not an address")
                                               : m_server->errorString());
            return false;
        }
        // One conversation at a time: later clients wait in the backlog.
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            if (!m_socket)
                startConversation();
        });
        return true;
    }
    startConversation();
    return true;
}

QString ReplayPlayer::listeningAddress() const {
    if (!m_server)
        return {};
    const QHostAddress address = m_server->serverAddress();
    return address.protocol() == QAbstractSocket::IPv6Protocol
               ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(m_server->serverPort())
               : QStringLiteral("%1:%2").arg(address.toString()).arg(m_server->serverPort());
}

void ReplayPlayer::startConversation() {
    if (m_current >= m_conversations.size()) {
        Q_EMIT finished();
        return;
    }
    m_turn = 0;
    m_received.clear();
    m_firstDifference.reset();
    if (m_server) {
        m_socket = m_server->nextPendingConnection();
        if (!m_socket)
            return; // the next client starts it
        connect(m_socket, &QTcpSocket::readyRead, this, &ReplayPlayer::onReadable);
        nextTurn();
        return;
    }
    QString error;
    m_socket = clientSocket(&error);
    const auto unreachable = [this](const QString& why) {
        ReplayResult result;
        result.outcome = ReplayResult::Outcome::Unreachable;
        result.reason = QStringLiteral("connect to %1:%2 failed: %3")
                            .arg(m_options.host, QString::number(m_options.port), why);
        endConversation(result);
    };
    if (!m_socket) {
        unreachable(error);
        return;
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &ReplayPlayer::onReadable);
    connect(m_socket, &QTcpSocket::errorOccurred, this,
            [this, unreachable](QAbstractSocket::SocketError) {
                const auto* tls = qobject_cast<QSslSocket*>(m_socket);
                const bool ready = m_socket->state() == QAbstractSocket::ConnectedState &&
                                   (!tls || tls->isEncrypted());
                if (ready || m_turn > 0)
                    return; // the server closing is its answer's end, told by the expect timer
                unreachable(m_socket->errorString());
            });
    if (auto* tls = qobject_cast<QSslSocket*>(m_socket)) {
        connect(tls, &QSslSocket::encrypted, this, &ReplayPlayer::nextTurn);
        const QString name = m_options.tls.sni.isEmpty() ? m_options.host : m_options.tls.sni;
        tls->connectToHostEncrypted(m_options.host, m_options.port, name);
    } else {
        connect(m_socket, &QTcpSocket::connected, this, &ReplayPlayer::nextTurn);
        m_socket->connectToHost(m_options.host, m_options.port);
    }
    m_expectTimer.start(m_options.connectTimeoutMs);
}

QTcpSocket* ReplayPlayer::clientSocket(QString* error) {
    if (!m_options.tls.enabled)
        return new QTcpSocket(this);
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("this Qt has no TLS backend");
        return nullptr;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(m_options.tls.verify ? QSslSocket::VerifyPeer
                                                  : QSslSocket::VerifyNone);
    if (!m_options.tls.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(m_options.tls.caFile);
        if (cas.isEmpty()) {
            *error = QStringLiteral("no PEM certificate in '%1'").arg(m_options.tls.caFile);
            return nullptr;
        }
        config.setCaCertificates(cas);
    }
    if (!m_options.tls.certFile.isEmpty()) {
        const QList<QSslCertificate> own = QSslCertificate::fromPath(m_options.tls.certFile);
        QFile keyFile(m_options.tls.keyFile.isEmpty() ? m_options.tls.certFile
                                                      : m_options.tls.keyFile);
        const QSslKey key =
            keyFile.open(QIODevice::ReadOnly) ? QSslKey(&keyFile, QSsl::Rsa) : QSslKey();
        const QSslKey anyKey = key.isNull() && keyFile.seek(0) ? QSslKey(&keyFile, QSsl::Ec) : key;
        if (own.isEmpty() || anyKey.isNull()) {
            *error = QStringLiteral("cannot use the client certificate '%1' and its key")
                         .arg(m_options.tls.certFile);
            return nullptr;
        }
        config.setLocalCertificate(own.constFirst());
        config.setPrivateKey(anyKey);
    }
    QList<QByteArray> protocols;
    for (const QString& protocol : m_options.tls.alpn)
        protocols.append(protocol.toUtf8());
    config.setAllowedNextProtocols(protocols);
    auto* socket = new QSslSocket(this);
    socket->setSslConfiguration(config);
    return socket;
}

void ReplayPlayer::nextTurn() {
    m_expectTimer.stop();
    const std::vector<ReplayTurn>& turns = m_conversations[m_current].turns;
    if (m_turn >= turns.size()) {
        ReplayResult result = m_firstDifference.value_or(ReplayResult{});
        endConversation(result);
        return;
    }
    const ReplayTurn& turn = turns[m_turn];
    if (isOurs(turn)) {
        const qint64 pauseUs = m_turn > 0 ? turn.timeUs - turns[m_turn - 1].timeUs : 0;
        m_pause.start(int(std::clamp<double>(double(pauseUs) / 1000 * m_options.timeScale, 0,
                                             24 * 3600 * 1000.0)));
        return;
    }
    m_expectTimer.start(m_options.expectTimeoutMs);
    onReadable(); // what already arrived may be the whole turn
}

QString ReplayPlayer::masked(const QByteArray& bytes) const {
    QString text = QString::fromLatin1(bytes);
    for (const QRegularExpression& mask : m_options.masks)
        text.replace(mask, QString(QChar(kMaskMark)));
    return text;
}

void ReplayPlayer::onReadable() {
    if (m_socket)
        m_received += m_socket->readAll();
    const std::vector<ReplayTurn>& turns = m_conversations[m_current].turns;
    if (m_turn >= turns.size() || isOurs(turns[m_turn]) || !m_expectTimer.isActive())
        return;
    const QByteArray& expected = turns[m_turn].bytes;
    const bool whole = m_options.masks.isEmpty() ? m_received.size() >= expected.size()
                                                 : masked(m_received) == masked(expected);
    if (whole)
        finishTurn(false);
}

void ReplayPlayer::onExpectTimeout() {
    if (!m_server && m_socket && m_socket->state() != QAbstractSocket::ConnectedState &&
        m_turn == 0) {
        ReplayResult result;
        result.outcome = ReplayResult::Outcome::Unreachable;
        result.reason =
            QStringLiteral("connect to %1:%2 timed out").arg(m_options.host).arg(m_options.port);
        endConversation(result);
        return;
    }
    finishTurn(true);
}

void ReplayPlayer::finishTurn(bool timedOut) {
    m_expectTimer.stop();
    const QByteArray& expected = m_conversations[m_current].turns[m_turn].bytes;
    // Without masks a turn is its length: what comes after belongs to the next.
    const QByteArray got =
        m_options.masks.isEmpty() ? m_received.left(expected.size()) : m_received;
    m_received.remove(0, got.size());
    const QString want = masked(expected);
    const QString have = masked(got);
    if (want != have && !m_firstDifference) {
        ReplayResult difference;
        difference.outcome = ReplayResult::Outcome::Differ;
        difference.message = int(m_turn) + 1;
        difference.offset = firstDifference(want, have);
        difference.expected = want.mid(difference.offset, kExcerptBytes).toLatin1();
        difference.got = have.mid(difference.offset, kExcerptBytes).toLatin1();
        if (timedOut && have.size() < want.size())
            difference.reason = QStringLiteral("timed out with %1 of %2 bytes")
                                    .arg(got.size())
                                    .arg(expected.size());
        m_firstDifference = difference;
    }
    ++m_turn;
    nextTurn();
}

void ReplayPlayer::endConversation(ReplayResult result) {
    m_expectTimer.stop();
    m_pause.stop();
    result.conn = m_conversations[m_current].conn;
    if (m_socket) {
        // A FIN, not a reset: the server sees the conversation end as it did.
        m_socket->disconnect(this);
        connect(m_socket, &QAbstractSocket::disconnected, m_socket, &QObject::deleteLater);
        m_socket->disconnectFromHost();
        m_socket = nullptr;
    }
    m_results.push_back(result);
    Q_EMIT conversationDone(result);
    ++m_current;
    // From the event loop: a failure may be reported inside connectToHost().
    QTimer::singleShot(0, this, &ReplayPlayer::startConversation);
}

} // namespace sockscope
