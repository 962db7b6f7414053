#pragma once

#include "base/captureevent.h"
#include "base/dropcount.h"
#include "capture/eventsource.h"
#include "capture/keeppolicy.h"
#include "capture/payloadfile.h"

#include <QMutex>

#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sockscope {

struct CaptureOptions {
    // Payload on disk plus kEventOverhead per event. Automatic: the smaller
    // of kMaxAutoBudget and half the free space of the capture folder.
    static constexpr qint64 kAutoBudget = -1;
    static constexpr qint64 kMaxAutoBudget = 4ll << 30;
    static constexpr qint64 kMinAutoBudget = 64ll << 20;
    static constexpr qint64 kDefaultProtectedHead = 64 * 1024;
    qint64 budget = kAutoBudget;
    QString dir; // the capture file's folder; empty: the system temp folder
    // Each direction of every connection keeps its first bytes whatever
    // other connections send: a flood never erases a small conversation.
    qint64 protectedHeadBytes = kDefaultProtectedHead;
    // false: a connection is forgotten once it ends (its index and kept
    // payload go, lifecycle events are not kept), so memory stays flat over
    // any number of connections; only for a run that never reads the
    // history back (headless, no export, no recording). Drop totals stay.
    bool keepFinishedConnections = true;
    // false: payload is counted and previewed but never written: no
    // capture file at all, for a run that never reads payload back
    // (headless, no export). Writing it cost a TLS echo listener 2.2 s of
    // CPU per GiB echoed (four copies of each byte into the page cache:
    // plaintext and records, both ways), more than the TLS itself.
    bool storePayload = true;

    // budget with kAutoBudget resolved against the folder's free space.
    qint64 resolvedBudget() const;
};

// A piece of one connection's stream, as a view pages it: bytes of one
// Data event, or a gap where payload was not kept.
struct StreamSegment {
    qint64 offset = 0; // in the stream: both directions' bytes, in the order they passed
    qint64 size = 0;
    quint64 seq = 0; // the Data event; 0 for a gap
    // A gap's direction is known when the keep policy cut one chunk's end,
    // None where evicted chunks of both directions may lie.
    Direction dir = Direction::None;
    qint64 chunkSize = 0; // the whole Data event's size; 0 for a gap
    qint64 timeUs = 0;
    qint64 offsetInChunk = 0; // 0: the segment starts where its event starts
    QByteArray bytes;         // the segment's bytes; empty for a gap

    bool isGap() const { return seq == 0; }
};

// The session's record. Every event is indexed in memory; payloads live in
// a file on disk (PayloadFile) and are read back only for what is shown or
// exported, so a 4 GiB connection costs its index, not its bytes.
//
// Fair retention: over the budget, the connection holding the most
// evictable payload loses its oldest chunks first. Lifecycle events and the
// first protectedHeadBytes of each direction are never evicted.
//
// Thread-safe: the engine thread appends, the window and exporters read.
class CaptureStore final : public EventSource {
public:
    // Bookkeeping per event, charged to the budget so that a storm of tiny
    // chunks is bounded too.
    static constexpr qint64 kEventOverhead = 192;
    // The in-memory index holds at most this many payload chunks (~60 bytes
    // each); beyond it chunks are evicted as over the budget.
    static constexpr qint64 kMaxIndexedChunks = 2'000'000;

    // A live capture: payload goes to a new unlinked file in options.dir.
    explicit CaptureStore(const CaptureOptions& options = {});
    // Over an existing file whose payloads are located by the caller
    // (appendIndexed), e.g. base64 in a saved JSON Lines session.
    CaptureStore(PayloadFile file, qint64 budget);
    ~CaptureStore() override;
    Q_DISABLE_COPY_MOVE(CaptureStore)

    // Empty, or why the capture file could not be made (payload is then
    // counted, not kept).
    QString fileError() const;
    QString filePath() const;
    bool storesPayload() const { return m_storePayload; }

    // Where a Data event's whole payload is stored: the same bytes
    // appended again can refer to it rather than be written twice.
    struct StoredPayload {
        int conn = 0;
        quint64 seq = 0;
        qint64 fileOffset = -1;
        qint64 size = 0;
    };

    void setKeepPolicy(int conn, const KeepPolicy& policy);
    // Records the event; for Data, writes what the policy keeps to disk.
    // Returns the payload bytes stored (Data) or 0. *policyKept, when
    // given, is what the keep policy alone would keep: what a recording,
    // which the budget and the capture file do not limit, still writes.
    // *stored, when given, says where the payload went if it was kept
    // whole (else its fileOffset is -1).
    qint64 append(const CaptureEvent& event, qint64* policyKept = nullptr,
                  StoredPayload* stored = nullptr);
    // The same, for a Data event whose bytes are those of `same` (a relay
    // forwarding what it read, unchanged): while that payload is still
    // kept and this event is kept whole, both events share it on disk and
    // in the budget, so a relayed gigabyte is written once, not twice.
    qint64 appendSameBytes(const CaptureEvent& event, const StoredPayload& same,
                           qint64* policyKept = nullptr);
    // A Data event whose payload is already in the file at payloadOffset.
    void appendIndexed(const CaptureEvent& event, qint64 payloadOffset);

    // Every event in seq order: first one Drop per connection that lost
    // payload, then the events with whole payloads. Chunks evicted while
    // the walk runs are left out.
    bool forEachEvent(const EventVisitor& visit) const override;
    // The lifecycle events only, read from memory.
    bool forEachLifecycleEvent(const EventVisitor& visit) const override;
    // The same, with each payload cut to its first maxPayload bytes (the
    // size stays true): what the window's rows and printed lines need.
    bool forEachPreview(const EventVisitor& visit, qsizetype maxPayload) const;
    EventBatch previews(qsizetype maxPayload) const;
    // One connection's events (conn 0: those of no connection), likewise cut.
    EventBatch eventsOf(int conn, qsizetype maxPayload) const;

    // The kept payload of Data event seq on conn (all of it, or the part the
    // keep policy kept); nullopt once evicted or never kept.
    std::optional<QByteArray> payload(int conn, quint64 seq) const;
    // Bytes that passed on conn so far, kept or not: the stream's length.
    qint64 streamLength(int conn) const;
    // Where a Data event starts in its connection's stream; nullopt when
    // none of its payload is kept.
    std::optional<qint64> streamOffsetOf(int conn, quint64 seq) const;
    // The segments covering [offset, offset + maxBytes) of conn's stream,
    // in order, gaps included; reads only those bytes from disk.
    QList<StreamSegment> streamRange(int conn, qint64 offset, qint64 maxBytes) const;

    ConnectionDrops dropsOf(int conn) const;
    // Connections whose drops changed since the last call, for live Drop events.
    QList<ConnectionDrops> takeChangedDrops();

    qint64 budget() const;
    qint64 usedBytes() const;
    // Payload bytes read back from the file so far: what paging costs.
    qint64 bytesRead() const;
    qint64 eventCount() const;
    DropCount totalDropped() const;

private:
    struct Chunk {
        quint64 seq = 0;
        qint64 timeUs = 0;
        qint64 streamOffset = 0;
        qint64 dirOffset = 0; // the bytes of its direction before it
        qint64 fileOffset = 0;
        qint64 kept = 0;      // payload bytes in the file, from the event's first byte
        qint64 eventSize = 0; // the event's true size
        Direction dir = Direction::None;
    };
    struct ConnectionIndex {
        KeepPolicy keep;
        qint64 passed[2] = {0, 0}; // bytes per direction so far
        qint64 streamLength = 0;
        std::vector<Chunk> head; // protected, never evicted
        // Evictable, oldest first; made with the first such chunk, since an
        // empty std::deque allocates ~576 bytes and most connections never
        // pass their protected heads.
        std::unique_ptr<std::deque<Chunk>> tailChunks;
        qint64 tailBytes = 0;
        ConnectionDrops drops;

        const std::deque<Chunk>& tail() const;
    };

    ConnectionIndex& indexLocked(int conn);
    qint64 appendLocked(const CaptureEvent& event, qint64* policyKept, const StoredPayload* same,
                        StoredPayload* stored);
    // written: the chunk's payload bytes new on disk (0 when it shares).
    // key: the connection's id, or its wire bytes' key (capturestore.cpp).
    void addLocked(int key, ConnectionIndex& index, const Chunk& chunk, bool protectedHead,
                   qint64 written);
    // Where payload's bytes are, if kept (kept bytes, all of them) still; else -1.
    qint64 stillStoredLocked(const StoredPayload& payload, qint64 kept) const;
    // Lets go of a chunk's payload; the bytes that freed on disk (0 while
    // another chunk still shares them).
    qint64 releasePayloadLocked(const Chunk& chunk);
    void countNotKept(int key, qint64 bytes, qint64 timeUs, const QString& reason);
    bool overLimitsLocked(qint64 extraBytes, qint64 extraChunks) const;
    bool evictOneLocked();
    void setTailBytesLocked(int conn, ConnectionIndex& index, qint64 tailBytes);
    const Chunk* findChunkLocked(const ConnectionIndex& index, quint64 seq) const;
    std::optional<QByteArray> readLocked(const Chunk& chunk, qint64 from, qint64 length) const;
    void forgetLocked(int conn);
    bool stillKeptLocked(int conn, quint64 seq) const;
    static constexpr int kAllConnections = -1;
    bool walk(const EventVisitor& visit, qsizetype maxPayload,
              int onlyConn = kAllConnections) const;

    mutable QMutex m_mutex;
    PayloadFile m_file;
    QString m_fileError;
    mutable qint64 m_bytesRead = 0;
    const qint64 m_budget;
    const qint64 m_protectedHead;
    const bool m_keepFinished = true;
    const bool m_storePayload = true;
    qint64 m_used = 0;
    qint64 m_chunks = 0;
    std::vector<CaptureEvent> m_lifecycle;                  // every non-Data event, in order
    std::unordered_map<int, ConnectionIndex> m_connections; // stable references
    std::set<std::pair<qint64, int>> m_byTailBytes;         // eviction order: most first
    // Payloads more than one chunk refers to: file offset -> the number of
    // chunks beyond the first.
    std::unordered_map<qint64, int> m_sharedPayloads;
    std::unordered_set<int> m_changedDrops;
    QList<ConnectionDrops> m_forgottenChangedDrops; // not yet taken when forgotten
    DropCount m_total;
};

} // namespace sockscope
