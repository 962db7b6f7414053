#include "cli/replayclient.h"

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

ReplayClient::ReplayClient(std::vector<ReplayConversation> conversations, ReplayOptions options,
                           QObject* parent)
    : QObject(parent)
    , m_conversations(std::move(conversations))
    , m_options(std::move(options)) {
    m_expectTimer.setSingleShot(true);
    m_pause.setSingleShot(true);
    connect(&m_expectTimer, &QTimer::timeout, this, &ReplayClient::onExpectTimeout);
    connect(&m_pause, &QTimer::timeout, this, [this] {
        const ReplayTurn& turn = m_conversations[m_current].turns[m_turn];
        m_socket->write(turn.bytes);
        ++m_turn;
        nextTurn();
    });
}

ReplayClient::~ReplayClient() = default;

void ReplayClient::start() {
    m_current = 0;
    startConversation();
}

void ReplayClient::startConversation() {
    if (m_current >= m_conversations.size()) {
        Q_EMIT finished();
        return;
    }
    m_turn = 0;
    m_received.clear();
    m_firstDifference.reset();
    delete m_socket;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &ReplayClient::nextTurn);
    connect(m_socket, &QTcpSocket::readyRead, this, &ReplayClient::onReadable);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::ConnectedState || m_turn > 0)
            return; // the server closing is its answer's end, told by the expect timer
        ReplayResult result;
        result.outcome = ReplayResult::Outcome::Unreachable;
        result.reason = QStringLiteral("connect to %1:%2 failed: %3")
                            .arg(m_options.host)
                            .arg(m_options.port)
                            .arg(m_socket->errorString());
        endConversation(result);
    });
    m_socket->connectToHost(m_options.host, m_options.port);
    m_expectTimer.start(m_options.connectTimeoutMs);
}

void ReplayClient::nextTurn() {
    m_expectTimer.stop();
    const std::vector<ReplayTurn>& turns = m_conversations[m_current].turns;
    if (m_turn >= turns.size()) {
        ReplayResult result = m_firstDifference.value_or(ReplayResult{});
        endConversation(result);
        return;
    }
    const ReplayTurn& turn = turns[m_turn];
    if (turn.fromClient) {
        const qint64 pauseUs = m_turn > 0 ? turn.timeUs - turns[m_turn - 1].timeUs : 0;
        m_pause.start(int(std::clamp<double>(double(pauseUs) / 1000 * m_options.timeScale, 0,
                                             24 * 3600 * 1000.0)));
        return;
    }
    m_expectTimer.start(m_options.expectTimeoutMs);
    onReadable(); // what already arrived may be the whole turn
}

QString ReplayClient::masked(const QByteArray& bytes) const {
    QString text = QString::fromLatin1(bytes);
    for (const QRegularExpression& mask : m_options.masks)
        text.replace(mask, QString(QChar(kMaskMark)));
    return text;
}

void ReplayClient::onReadable() {
    if (m_socket)
        m_received += m_socket->readAll();
    const std::vector<ReplayTurn>& turns = m_conversations[m_current].turns;
    if (m_turn >= turns.size() || turns[m_turn].fromClient || !m_expectTimer.isActive())
        return;
    const QByteArray& expected = turns[m_turn].bytes;
    const bool whole = m_options.masks.isEmpty() ? m_received.size() >= expected.size()
                                                 : masked(m_received) == masked(expected);
    if (whole)
        finishTurn(false);
}

void ReplayClient::onExpectTimeout() {
    if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState && m_turn == 0) {
        ReplayResult result;
        result.outcome = ReplayResult::Outcome::Unreachable;
        result.reason =
            QStringLiteral("connect to %1:%2 timed out").arg(m_options.host).arg(m_options.port);
        endConversation(result);
        return;
    }
    finishTurn(true);
}

void ReplayClient::finishTurn(bool timedOut) {
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

void ReplayClient::endConversation(ReplayResult result) {
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
    QTimer::singleShot(0, this, &ReplayClient::startConversation);
}

} // namespace sockscope
