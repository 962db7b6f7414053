#include "cli/replayscript.h"

#include "formats/jsonlreader.h"

#include <QFile>
#include <QList>

#include <map>

namespace sockscope {

namespace {
// A Follow Stream YAML of a whole session is text plus base64: a file
// over this is not one tshark wrote for a conversation worth replaying.
constexpr qint64 kMaxYamlBytes = 1ll << 30;

void appendBytes(std::vector<ReplayTurn>& turns, bool fromClient, const QByteArray& bytes,
                 qint64 timeUs) {
    if (bytes.isEmpty())
        return;
    if (!turns.empty() && turns.back().fromClient == fromClient)
        turns.back().bytes += bytes;
    else
        turns.push_back({fromClient, bytes, timeUs});
}

// Whether an event starts a conversation: an accepted connection, or a
// client SockScope opened (a relay's upstream leg, pair != 0, is not one).
bool startsConversation(const CaptureEvent& e) {
    return e.kind == EventKind::Accept || (e.kind == EventKind::Connect && e.pair == 0);
}

// ourClient: SockScope opened the connection, so its "out" is the client's.
void appendData(ReplayConversation& conversation, bool ourClient, const CaptureEvent& e,
                const QByteArray& bytes) {
    const bool fromClient = (e.dir == Direction::Out) == ourClient;
    appendBytes(conversation.turns, fromClient, bytes, e.timeUs);
}

std::optional<std::vector<ReplayConversation>> fromJsonl(const QString& path, QString* error) {
    QString why;
    const std::optional<EventBatch> events = readJsonlSession(path, &why);
    if (!events) {
        *error = QStringLiteral("cannot replay '%1': %2").arg(path, why);
        return std::nullopt;
    }
    std::map<int, bool> ourClient;
    std::map<int, std::size_t> order;
    std::vector<ReplayConversation> conversations;
    for (const CaptureEvent& e : *events) {
        if (startsConversation(e)) {
            ourClient[e.conn] = e.kind == EventKind::Connect;
            order[e.conn] = conversations.size();
            conversations.push_back({e.conn, {}});
        } else if (e.kind == EventKind::Data && order.contains(e.conn)) {
            appendData(conversations[order[e.conn]], ourClient[e.conn], e, e.data);
        }
    }
    return conversations;
}

qint64 timestampUs(const QByteArray& text) {
    const qsizetype dot = text.indexOf('.');
    const qint64 seconds = text.left(dot < 0 ? text.size() : dot).toLongLong();
    const QByteArray fraction = dot < 0 ? QByteArray() : (text.mid(dot + 1) + "000000").left(6);
    return seconds * 1'000'000 + fraction.toLongLong();
}
} // namespace

std::optional<std::vector<ReplayConversation>> replayConversations(const CaptureStore& store,
                                                                   int onlyConn, qint64 maxBytes) {
    std::vector<std::pair<int, bool>> starts; // conn, whether SockScope was the client
    qint64 bytes = 0;
    store.forEachLifecycleEvent([&](const CaptureEvent& e) {
        if (startsConversation(e) && (onlyConn == 0 || e.conn == onlyConn)) {
            starts.emplace_back(e.conn, e.kind == EventKind::Connect);
            bytes += store.streamLength(e.conn);
        }
        return true;
    });
    if (bytes > maxBytes)
        return std::nullopt;
    std::vector<ReplayConversation> conversations;
    for (const auto& [conn, ourClient] : starts) {
        ReplayConversation conversation{conn, {}};
        for (const CaptureEvent& e : store.eventsOf(conn, 0)) {
            // Bytes a budget evicted are missing from the replay, as from an export.
            if (e.kind != EventKind::Data)
                continue;
            if (const std::optional<QByteArray> payload = store.payload(conn, e.seq))
                appendData(conversation, ourClient, e, *payload);
        }
        conversations.push_back(std::move(conversation));
    }
    return conversations;
}

QString recordedServer(const EventSource& events, int onlyConn) {
    QString server;
    events.forEachLifecycleEvent([&](const CaptureEvent& e) {
        if (e.kind == EventKind::Connect && e.pair == 0 && (onlyConn == 0 || e.conn == onlyConn))
            server = e.target;
        return server.isEmpty();
    });
    return server;
}

std::optional<ReplayConversation> parseFollowYaml(const QByteArray& yaml, QString* error) {
    ReplayConversation conversation;
    const QList<QByteArray> lines = yaml.split('\n');
    bool inPackets = false;
    bool sawPeers = false;
    int peer = -1;
    qint64 timeUs = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const auto fail = [&](const QString& what) {
            *error = QStringLiteral("line %1: %2").arg(i + 1).arg(what);
            return std::nullopt;
        };
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line == "peers:") {
            sawPeers = true;
            continue;
        }
        if (line == "packets:") {
            inPackets = true;
            continue;
        }
        if (!inPackets)
            continue;
        if (line.startsWith("- packet:")) {
            peer = -1;
        } else if (line.startsWith("peer:")) {
            bool ok = false;
            peer = line.mid(5).trimmed().toInt(&ok);
            if (!ok || (peer != 0 && peer != 1))
                return fail(QStringLiteral("peer must be 0 or 1"));
        } else if (line.startsWith("timestamp:")) {
            timeUs = timestampUs(line.mid(10).trimmed());
        } else if (line.startsWith("data:")) {
            if (peer < 0)
                return fail(QStringLiteral("data before its peer"));
            // "!!binary |" then the base64, indented, up to the next key.
            QByteArray base64;
            while (i + 1 < lines.size() && !lines[i + 1].trimmed().isEmpty() &&
                   !lines[i + 1].trimmed().contains(':'))
                base64 += lines[++i].trimmed();
            const auto decoded =
                QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return fail(QStringLiteral("data is not base64"));
            appendBytes(conversation.turns, peer == 0, decoded.decoded, timeUs);
        } else if (!line.startsWith("index:")) {
            return fail(QStringLiteral("'%1' is not part of a Follow Stream YAML")
                            .arg(QString::fromUtf8(line.left(40))));
        }
    }
    if (!sawPeers || !inPackets) {
        *error = QStringLiteral("not a Follow TCP Stream YAML (tshark -q -z follow,tcp,yaml,N): "
                                "no peers: and packets: sections");
        return std::nullopt;
    }
    return conversation;
}

std::optional<std::vector<ReplayConversation>> loadReplayConversations(const QString& path,
                                                                       QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot replay '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray start = file.peek(64).trimmed();
    if (start.startsWith('{'))
        return fromJsonl(path, error);
    if (file.size() > kMaxYamlBytes) {
        *error = QStringLiteral("cannot replay '%1': %2 bytes is over the %3 a Follow Stream "
                                "YAML may have")
                     .arg(path)
                     .arg(file.size())
                     .arg(kMaxYamlBytes);
        return std::nullopt;
    }
    QString why;
    auto conversation = parseFollowYaml(file.readAll(), &why);
    if (!conversation) {
        *error = QStringLiteral("cannot replay '%1': %2").arg(path, why);
        return std::nullopt;
    }
    conversation->conn = 1;
    return std::vector<ReplayConversation>{std::move(*conversation)};
}

} // namespace sockscope
