#include "capture/capturestore.h"

#include <limits>

#include <QMutexLocker>
#include <QStorageInfo>

#include <algorithm>
#include <queue>
#include <tuple>

namespace sockscope {

namespace {
// A connection's wire bytes (TLS records) are indexed apart from its
// conversation, under a key of their own below every id, so that the
// conversation's stream offsets, paging and search see the plaintext only.
// Their drops count on the connection itself.
int wireKey(int conn) {
    return std::numeric_limits<int>::min() + conn;
}
bool isWireKey(int key) {
    return key < -1; // -1: kAllConnections
}
int connOfKey(int key) {
    return isWireKey(key) ? key - std::numeric_limits<int>::min() : key;
}
} // namespace

namespace {
int directionSlot(Direction dir) {
    return dir == Direction::Out ? 1 : 0;
}

// Every connection ends with exactly one Close or one Error (docs/design.md,
// "Lifecycle rules"); a listener's Close has conn 0.
bool endsConnection(const CaptureEvent& event) {
    return event.conn != 0 && (event.kind == EventKind::Close || event.kind == EventKind::Error);
}

} // namespace

qint64 CaptureOptions::resolvedBudget() const {
    if (budget != kAutoBudget)
        return std::max<qint64>(budget, 0);
    const QStorageInfo storage(dir.isEmpty() ? QDir::tempPath() : dir);
    const qint64 half = storage.isValid() ? storage.bytesAvailable() / 2 : kMaxAutoBudget;
    return std::clamp(half, kMinAutoBudget, kMaxAutoBudget);
}

CaptureStore::CaptureStore(const CaptureOptions& options)
    : m_budget(options.resolvedBudget())
    , m_protectedHead(std::max<qint64>(options.protectedHeadBytes, 0))
    , m_keepFinished(options.keepFinishedConnections)
    , m_storePayload(options.storePayload) {
    if (!m_storePayload)
        return;
    QString error;
    if (auto file = PayloadFile::createTemporary(options.dir, &error))
        m_file = std::move(*file);
    else
        m_fileError = error;
}

CaptureStore::CaptureStore(PayloadFile file, qint64 budget)
    : m_file(std::move(file))
    , m_budget(budget)
    , m_protectedHead(0) {
}

CaptureStore::~CaptureStore() = default;

QString CaptureStore::fileError() const {
    QMutexLocker lock(&m_mutex);
    return m_fileError;
}

QString CaptureStore::filePath() const {
    return m_file.path();
}

void CaptureStore::setKeepPolicy(int conn, const KeepPolicy& policy) {
    QMutexLocker lock(&m_mutex);
    indexLocked(conn).keep = policy;
}

qint64 CaptureStore::append(const CaptureEvent& event, qint64* policyKept, StoredPayload* stored) {
    QMutexLocker lock(&m_mutex);
    return appendLocked(event, policyKept, nullptr, stored);
}

qint64 CaptureStore::appendSameBytes(const CaptureEvent& event, const StoredPayload& same,
                                     qint64* policyKept) {
    QMutexLocker lock(&m_mutex);
    return appendLocked(event, policyKept, &same, nullptr);
}

qint64 CaptureStore::appendLocked(const CaptureEvent& event, qint64* policyKept,
                                  const StoredPayload* same, StoredPayload* stored) {
    if (stored)
        *stored = StoredPayload{};
    if (!event.carriesPayload()) {
        if (m_keepFinished) {
            m_lifecycle.push_back(event);
            m_used += kEventOverhead;
        } else if (endsConnection(event)) {
            forgetLocked(event.conn);
            forgetLocked(wireKey(event.conn));
        }
        return 0;
    }
    const int key = event.kind == EventKind::Wire ? wireKey(event.conn) : event.conn;
    const bool firstWire = key != event.conn && !m_connections.contains(key);
    ConnectionIndex& index = indexLocked(key);
    if (firstWire) // the connection's keep policy holds for its records too
        index.keep = indexLocked(event.conn).keep;
    const int slot = directionSlot(event.dir);
    const qint64 passedBefore = index.passed[slot];
    Chunk chunk;
    chunk.seq = event.seq;
    chunk.timeUs = event.timeUs;
    chunk.streamOffset = index.streamLength;
    chunk.dirOffset = passedBefore;
    chunk.eventSize = event.size;
    chunk.dir = event.dir;
    index.passed[slot] += event.size;
    index.streamLength += event.size;

    const qint64 kept =
        std::min<qint64>(index.keep.keptOf(passedBefore, event.size), event.data.size());
    if (policyKept)
        *policyKept = kept;
    if (kept < event.size && index.keep.mode != KeepPolicy::Mode::All)
        countNotKept(key, event.size - kept, event.timeUs,
                     QStringLiteral("keep policy %1").arg(index.keep.name()));
    if (kept == 0 || !m_storePayload)
        return 0;
    const bool protectedHead = passedBefore < m_protectedHead;
    // The shared payload is claimed before room is made, so that making
    // room cannot give its blocks back.
    const qint64 sharedOffset = same ? stillStoredLocked(*same, kept) : -1;
    if (sharedOffset >= 0)
        ++m_sharedPayloads[sharedOffset];
    const qint64 written = sharedOffset >= 0 ? 0 : kept;
    // Room first, so a protected head is refused only when nothing else can go.
    while (overLimitsLocked(written + kEventOverhead, 1) && evictOneLocked()) {
    }
    const auto refuse = [&](const QString& reason) {
        if (sharedOffset >= 0) // the claim; the last one if room went to the other chunk
            m_used -= releasePayloadLocked(Chunk{.fileOffset = sharedOffset, .kept = kept});
        countNotKept(key, kept, event.timeUs, reason);
        return 0;
    };
    if (overLimitsLocked(written + kEventOverhead, 1) && protectedHead)
        return refuse(QStringLiteral("capture budget full of protected heads"));
    if (sharedOffset >= 0) {
        chunk.fileOffset = sharedOffset;
    } else {
        if (!m_file.isOpen())
            return refuse(m_fileError);
        QString error;
        const std::optional<qint64> offset =
            m_file.append(kept == event.data.size() ? event.data : event.data.left(kept), &error);
        if (!offset) {
            m_fileError = error;
            return refuse(error);
        }
        chunk.fileOffset = *offset;
    }
    chunk.kept = kept;
    addLocked(key, index, chunk, protectedHead, written);
    if (stored && kept == event.size && key == event.conn)
        *stored = StoredPayload{event.conn, event.seq, chunk.fileOffset, kept};
    // A tail chunk may itself be the one to go, if its connection holds the most.
    while (overLimitsLocked(0, 0) && evictOneLocked()) {
    }
    return kept;
}

void CaptureStore::appendIndexed(const CaptureEvent& event, qint64 payloadOffset) {
    QMutexLocker lock(&m_mutex);
    const int key = event.kind == EventKind::Wire ? wireKey(event.conn) : event.conn;
    ConnectionIndex& index = indexLocked(key);
    Chunk chunk;
    chunk.seq = event.seq;
    chunk.timeUs = event.timeUs;
    chunk.streamOffset = index.streamLength;
    chunk.dirOffset = index.passed[directionSlot(event.dir)];
    chunk.fileOffset = payloadOffset;
    chunk.kept = event.size;
    chunk.eventSize = event.size;
    chunk.dir = event.dir;
    index.passed[directionSlot(event.dir)] += event.size;
    index.streamLength += event.size;
    // A saved session is read whole: everything is a protected head.
    addLocked(key, index, chunk, true, chunk.kept);
}

const std::deque<CaptureStore::Chunk>& CaptureStore::ConnectionIndex::tail() const {
    static const std::deque<Chunk> none;
    return tailChunks ? *tailChunks : none;
}

CaptureStore::ConnectionIndex& CaptureStore::indexLocked(int conn) {
    ConnectionIndex& index = m_connections[conn];
    index.drops.conn = conn;
    return index;
}

void CaptureStore::addLocked(int key, ConnectionIndex& index, const Chunk& chunk,
                             bool protectedHead, qint64 written) {
    m_used += written + kEventOverhead;
    ++m_chunks;
    if (protectedHead) {
        index.head.push_back(chunk);
    } else {
        if (!index.tailChunks)
            index.tailChunks = std::make_unique<std::deque<Chunk>>();
        index.tailChunks->push_back(chunk);
        setTailBytesLocked(key, index, index.tailBytes + chunk.kept);
    }
}

void CaptureStore::countNotKept(int key, qint64 bytes, qint64 timeUs, const QString& reason) {
    const int conn = connOfKey(key);
    ConnectionDrops& drops = indexLocked(conn).drops;
    drops.notKept.add(bytes, timeUs);
    drops.notKeptReason = reason;
    m_total.add(bytes, timeUs);
    m_changedDrops.insert(conn);
}

bool CaptureStore::overLimitsLocked(qint64 extraBytes, qint64 extraChunks) const {
    return m_used + extraBytes > m_budget || m_chunks + extraChunks > kMaxIndexedChunks;
}

bool CaptureStore::evictOneLocked() {
    if (m_byTailBytes.empty())
        return false;
    const int conn = std::prev(m_byTailBytes.end())->second;
    ConnectionIndex& index = m_connections[conn];
    // Only a connection with tail chunks is in m_byTailBytes.
    const Chunk oldest = index.tailChunks->front();
    index.tailChunks->pop_front();
    m_used -= releasePayloadLocked(oldest) + kEventOverhead;
    --m_chunks;
    indexLocked(connOfKey(conn)).drops.evicted.add(oldest.kept, oldest.timeUs);
    m_total.add(oldest.kept, oldest.timeUs);
    m_changedDrops.insert(connOfKey(conn));
    setTailBytesLocked(conn, index, index.tailBytes - oldest.kept);
    return true;
}

qint64 CaptureStore::stillStoredLocked(const StoredPayload& payload, qint64 kept) const {
    if (payload.size != kept)
        return -1;
    const auto owner = m_connections.find(payload.conn);
    const Chunk* chunk =
        owner == m_connections.end() ? nullptr : findChunkLocked(owner->second, payload.seq);
    return chunk && chunk->fileOffset == payload.fileOffset && chunk->kept == kept
               ? chunk->fileOffset
               : -1;
}

qint64 CaptureStore::releasePayloadLocked(const Chunk& chunk) {
    if (const auto shared = m_sharedPayloads.find(chunk.fileOffset);
        shared != m_sharedPayloads.end()) {
        if (--shared->second == 0)
            m_sharedPayloads.erase(shared);
        return 0;
    }
    m_file.release(chunk.fileOffset, chunk.kept);
    return chunk.kept;
}

void CaptureStore::setTailBytesLocked(int conn, ConnectionIndex& index, qint64 tailBytes) {
    m_byTailBytes.erase({index.tailBytes, conn});
    index.tailBytes = tailBytes;
    if (!index.tail().empty())
        m_byTailBytes.insert({tailBytes, conn});
}

void CaptureStore::forgetLocked(int conn) {
    const auto found = m_connections.find(conn);
    if (found == m_connections.end())
        return;
    ConnectionIndex& index = found->second;
    const auto release = [this](const Chunk& chunk) {
        m_used -= releasePayloadLocked(chunk) + kEventOverhead;
        --m_chunks;
    };
    std::for_each(index.head.begin(), index.head.end(), release);
    std::for_each(index.tail().begin(), index.tail().end(), release);
    m_byTailBytes.erase({index.tailBytes, conn});
    // Its last drops still reach the consumer; m_total keeps counting them.
    if (m_changedDrops.erase(conn) > 0)
        m_forgottenChangedDrops.append(index.drops);
    m_connections.erase(found);
}

const CaptureStore::Chunk* CaptureStore::findChunkLocked(const ConnectionIndex& index,
                                                         quint64 seq) const {
    const auto bySeq = [](const Chunk& c, quint64 s) {
        return c.seq < s;
    };
    const auto inHead = std::lower_bound(index.head.begin(), index.head.end(), seq, bySeq);
    if (inHead != index.head.end() && inHead->seq == seq)
        return &*inHead;
    const auto inTail = std::lower_bound(index.tail().begin(), index.tail().end(), seq, bySeq);
    if (inTail != index.tail().end() && inTail->seq == seq)
        return &*inTail;
    return nullptr;
}

std::optional<QByteArray> CaptureStore::readLocked(const Chunk& chunk, qint64 from,
                                                   qint64 length) const {
    const std::optional<QByteArray> bytes = m_file.read(chunk.fileOffset, from, length);
    if (bytes)
        m_bytesRead += bytes->size();
    return bytes;
}

std::optional<QByteArray> CaptureStore::payload(int conn, quint64 seq) const {
    QMutexLocker lock(&m_mutex);
    const auto found = m_connections.find(conn);
    if (found == m_connections.end())
        return std::nullopt;
    const Chunk* chunk = findChunkLocked(found->second, seq);
    if (!chunk)
        return std::nullopt;
    return readLocked(*chunk, 0, chunk->kept);
}

std::optional<qint64> CaptureStore::streamOffsetOf(int conn, quint64 seq) const {
    QMutexLocker lock(&m_mutex);
    const auto found = m_connections.find(conn);
    if (found == m_connections.end())
        return std::nullopt;
    const Chunk* chunk = findChunkLocked(found->second, seq);
    return chunk ? std::optional<qint64>(chunk->streamOffset) : std::nullopt;
}

qint64 CaptureStore::streamLength(int conn) const {
    QMutexLocker lock(&m_mutex);
    const auto found = m_connections.find(conn);
    return found == m_connections.end() ? 0 : found->second.streamLength;
}

QList<StreamSegment> CaptureStore::streamRange(int conn, qint64 offset, qint64 maxBytes) const {
    QMutexLocker lock(&m_mutex);
    QList<StreamSegment> out;
    const auto found = m_connections.find(conn);
    if (found == m_connections.end() || maxBytes <= 0)
        return out;
    const ConnectionIndex& index = found->second;
    const qint64 end = std::min(index.streamLength, offset + maxBytes);
    // The chunks that may overlap [offset, end), from head and tail, in
    // stream order; each list is sorted by streamOffset.
    const auto endsAfter = [](const Chunk& c, qint64 at) {
        return c.streamOffset + c.eventSize <= at;
    };
    auto h = std::lower_bound(index.head.begin(), index.head.end(), offset, endsAfter);
    auto t = std::lower_bound(index.tail().begin(), index.tail().end(), offset, endsAfter);
    qint64 at = offset;
    const auto emitGap = [&](qint64 upTo, Direction dir = Direction::None) {
        if (upTo <= at)
            return;
        StreamSegment gap;
        gap.offset = at;
        gap.size = upTo - at;
        gap.dir = dir;
        out.append(gap);
        at = upTo;
    };
    while (at < end) {
        const Chunk* next = nullptr;
        if (h != index.head.end() && (t == index.tail().end() || h->seq < t->seq))
            next = &*h++;
        else if (t != index.tail().end())
            next = &*t++;
        if (!next || next->streamOffset >= end) {
            emitGap(end);
            break;
        }
        emitGap(next->streamOffset);
        const qint64 from = std::max(at, next->streamOffset) - next->streamOffset;
        const qint64 keptEnd = std::min(end, next->streamOffset + next->kept);
        if (next->streamOffset + from < keptEnd) {
            StreamSegment segment;
            segment.offset = next->streamOffset + from;
            segment.size = keptEnd - segment.offset;
            segment.seq = next->seq;
            segment.dir = next->dir;
            segment.timeUs = next->timeUs;
            segment.chunkSize = next->eventSize;
            segment.offsetInChunk = from;
            segment.bytes = readLocked(*next, from, segment.size).value_or(QByteArray());
            if (segment.bytes.size() != segment.size) {
                emitGap(keptEnd); // unreadable: shown as missing, never as zeros
            } else {
                out.append(segment);
                at = keptEnd;
            }
        }
        // What the keep policy cut off the chunk's end.
        emitGap(std::min(end, next->streamOffset + next->eventSize), next->dir);
    }
    return out;
}

bool CaptureStore::stillKeptLocked(int conn, quint64 seq) const {
    const auto found = m_connections.find(conn);
    return found != m_connections.end() && findChunkLocked(found->second, seq) != nullptr;
}

bool CaptureStore::walk(const EventVisitor& visit, qsizetype maxPayload, int onlyConn) const {
    // The index is copied under the lock and the payloads are read one at a
    // time, so a long export never holds up capture.
    struct Ref {
        quint64 seq;
        int conn;
        Chunk chunk;
    };
    std::vector<Ref> data;
    std::vector<CaptureEvent> lifecycle;
    EventBatch drops;
    {
        QMutexLocker lock(&m_mutex);
        const auto wanted = [onlyConn](int key) {
            return onlyConn == kAllConnections || connOfKey(key) == onlyConn;
        };
        for (const CaptureEvent& e : m_lifecycle) {
            if (wanted(e.conn))
                lifecycle.push_back(e);
        }
        data.reserve(onlyConn == kAllConnections ? size_t(m_chunks) : 0);
        std::vector<int> conns;
        for (const auto& [conn, index] : m_connections) {
            if (!wanted(conn))
                continue;
            conns.push_back(conn);
            for (const Chunk& c : index.head)
                data.push_back({c.seq, conn, c});
            for (const Chunk& c : index.tail())
                data.push_back({c.seq, conn, c});
        }
        std::sort(conns.begin(), conns.end());
        for (int conn : conns) {
            if (isWireKey(conn))
                continue; // counted on the connection
            const ConnectionDrops& d = m_connections.at(conn).drops;
            if (d.evicted.events > 0 || d.notKept.events > 0)
                drops.append(dropEventOf(d));
        }
    }
    // A total order: an imported file may repeat seq or leave it out (0),
    // and equal keys in an unstable sort came out in a different order on
    // each walk, so an export read back was another session. Within one
    // seq and connection, the file order decides.
    std::sort(data.begin(), data.end(), [](const Ref& a, const Ref& b) {
        return std::tie(a.seq, a.conn, a.chunk.fileOffset) <
               std::tie(b.seq, b.conn, b.chunk.fileOffset);
    });
    for (const CaptureEvent& drop : drops) {
        if (!visit(drop))
            return false;
    }
    auto life = lifecycle.begin();
    for (const Ref& ref : data) {
        for (; life != lifecycle.end() && life->seq < ref.seq; ++life) {
            if (!visit(*life))
                return false;
        }
        CaptureEvent e;
        {
            QMutexLocker lock(&m_mutex);
            if (!stillKeptLocked(ref.conn, ref.seq))
                continue; // evicted since the copy; counted in the next walk's drops
            const qint64 length = std::min<qint64>(ref.chunk.kept, maxPayload);
            const std::optional<QByteArray> bytes = readLocked(ref.chunk, 0, length);
            if (!bytes)
                continue;
            e.data = *bytes;
        }
        e.seq = ref.seq;
        e.timeUs = ref.chunk.timeUs;
        e.kind = isWireKey(ref.conn) ? EventKind::Wire : EventKind::Data;
        e.conn = connOfKey(ref.conn);
        e.dir = ref.chunk.dir;
        e.dirOffset = ref.chunk.dirOffset;
        // Whole walks export what was kept; previews keep the true size.
        e.size = maxPayload == std::numeric_limits<qsizetype>::max() ? ref.chunk.kept
                                                                     : ref.chunk.eventSize;
        if (!visit(e))
            return false;
    }
    for (; life != lifecycle.end(); ++life) {
        if (!visit(*life))
            return false;
    }
    return true;
}

bool CaptureStore::forEachEvent(const EventVisitor& visit) const {
    return walk(visit, std::numeric_limits<qsizetype>::max());
}

bool CaptureStore::forEachLifecycleEvent(const EventVisitor& visit) const {
    std::vector<CaptureEvent> lifecycle;
    {
        QMutexLocker lock(&m_mutex);
        lifecycle = m_lifecycle;
    }
    for (const CaptureEvent& e : lifecycle) {
        if (!visit(e))
            return false;
    }
    return true;
}

bool CaptureStore::forEachPreview(const EventVisitor& visit, qsizetype maxPayload) const {
    return walk(visit, maxPayload);
}

EventBatch CaptureStore::eventsOf(int conn, qsizetype maxPayload) const {
    EventBatch out;
    walk(
        [&out](const CaptureEvent& e) {
            out.append(e);
            return true;
        },
        maxPayload, conn);
    return out;
}

EventBatch CaptureStore::previews(qsizetype maxPayload) const {
    EventBatch out;
    walk(
        [&out](const CaptureEvent& e) {
            out.append(e);
            return true;
        },
        maxPayload);
    return out;
}

ConnectionDrops CaptureStore::dropsOf(int conn) const {
    QMutexLocker lock(&m_mutex);
    const auto found = m_connections.find(conn);
    if (found == m_connections.end())
        return ConnectionDrops{conn, {}, {}, {}};
    return found->second.drops;
}

QList<ConnectionDrops> CaptureStore::takeChangedDrops() {
    QMutexLocker lock(&m_mutex);
    QList<ConnectionDrops> out;
    out.swap(m_forgottenChangedDrops);
    out.reserve(out.size() + qsizetype(m_changedDrops.size()));
    for (int conn : m_changedDrops) {
        out.append(m_connections[conn].drops);
    }
    m_changedDrops.clear();
    std::sort(out.begin(), out.end(),
              [](const ConnectionDrops& a, const ConnectionDrops& b) { return a.conn < b.conn; });
    return out;
}

qint64 CaptureStore::budget() const {
    return m_budget;
}

qint64 CaptureStore::usedBytes() const {
    QMutexLocker lock(&m_mutex);
    return m_used;
}

qint64 CaptureStore::eventCount() const {
    QMutexLocker lock(&m_mutex);
    return qint64(m_lifecycle.size()) + m_chunks;
}

qint64 CaptureStore::bytesRead() const {
    QMutexLocker lock(&m_mutex);
    return m_bytesRead;
}

DropCount CaptureStore::totalDropped() const {
    QMutexLocker lock(&m_mutex);
    return m_total;
}

} // namespace sockscope
