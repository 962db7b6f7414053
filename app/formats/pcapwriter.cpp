#include "formats/pcapwriter.h"

#include "formats/chunkwriter.h"
#include "formats/pcappacket.h"

#include <QIODevice>

#include <unordered_map>
#include <unordered_set>

namespace sockscope {

namespace {

using namespace tcpflag;

enum Side { Local = 0, Peer = 1 };

Side other(Side side) {
    return side == Local ? Peer : Local;
}

// A flow that starts without its Accept or Connected (an import of a
// trimmed capture) has no addresses: it gets loopback placeholders, so that
// its bytes still show.
std::optional<IpEndpoint> ipEndpointOf(const SocketAddress& address) {
    if (address.isNull())
        return std::nullopt;
    return IpEndpoint{address.bytes(), address.family() == SocketAddress::Family::IPv6,
                      address.port()};
}

IpEndpoint placeholder(bool v6, quint16 port) {
    IpEndpoint endpoint;
    endpoint.v6 = v6;
    endpoint.port = port;
    if (v6)
        endpoint.address[15] = 1; // ::1
    else
        endpoint.address = {127, 0, 0, 1};
    return endpoint;
}

// IPv4 as ::ffff:a.b.c.d, for the rare flow whose two ends differ in family.
IpEndpoint asV6(IpEndpoint endpoint) {
    if (endpoint.v6)
        return endpoint;
    std::array<quint8, 16> mapped{};
    mapped[10] = mapped[11] = 0xff;
    std::copy_n(endpoint.address.begin(), 4, mapped.begin() + 12);
    endpoint.address = mapped;
    endpoint.v6 = true;
    return endpoint;
}

// One connection as a TCP flow. Accepted connections were opened by the
// peer, outgoing ones by SockScope.
class Flow final {
public:
    Flow(const CaptureEvent& opening, QByteArray& out, CaptureFileFormat format)
        : m_out(out)
        , m_format(format) {
        const auto conn = quint32(opening.conn);
        const std::optional<IpEndpoint> local = ipEndpointOf(opening.local);
        const std::optional<IpEndpoint> peer = ipEndpointOf(opening.peer);
        const bool v6 = (local && local->v6) || (peer && peer->v6);
        m_ends[Local] = local.value_or(placeholder(v6, quint16(10000 + conn % 50000)));
        m_ends[Peer] = peer.value_or(placeholder(v6, 60000));
        if (v6) {
            m_ends[Local] = asV6(m_ends[Local]);
            m_ends[Peer] = asV6(m_ends[Peer]);
        }
        m_client = opening.kind == EventKind::Connected ? Local : Peer;
        // Any initial sequence numbers will do; these differ per connection.
        m_next[m_client] = conn * 2654435761u;
        m_next[other(m_client)] = m_next[m_client] ^ 0x5a5a5a5au;

        const Side server = other(m_client);
        m_timeUs = opening.timeUs;
        send(m_client, kSyn, {});
        send(server, kSyn | kAck, {});
        send(m_client, kAck, {});
    }

    bool finished() const { return m_finished; }

    void data(const CaptureEvent& e) {
        m_timeUs = e.timeUs;
        const Side from = e.dir == Direction::Out ? Local : Peer;
        // Bytes the capture no longer holds (evicted under its budget, or
        // past a keep policy) take their sequence numbers all the same, so
        // Wireshark shows "previous segment not captured" where they were
        // instead of joining what came before and after them.
        if (e.dirOffset > m_streamBytes[from]) {
            m_next[from] += quint32(e.dirOffset - m_streamBytes[from]);
            m_streamBytes[from] = e.dirOffset;
        }
        m_streamBytes[from] += e.data.size();
        for (qsizetype at = 0; at < e.data.size(); at += kMaxSegmentPayload) {
            const QByteArrayView part =
                QByteArrayView(e.data).sliced(at, std::min(kMaxSegmentPayload, e.data.size() - at));
            const bool last = at + part.size() == e.data.size();
            send(from, last ? kPsh | kAck : kAck, part);
        }
        // Acknowledged at once, so that bytes in flight never exceed one chunk.
        if (!e.data.isEmpty())
            send(other(from), kAck, {});
    }

    void fin(Side side, qint64 timeUs) {
        m_timeUs = timeUs;
        if (m_finSent[side])
            return;
        send(side, kFin | kAck, {});
        m_finSent[side] = true;
        send(other(side), kAck, {});
    }

    void close(Side first, qint64 timeUs) {
        fin(first, timeUs);
        fin(other(first), timeUs);
        m_finished = true;
    }

    void reset(Side from, qint64 timeUs) {
        m_timeUs = timeUs;
        send(from, kRst | kAck, {});
        m_finished = true;
    }

private:
    void send(Side from, quint8 flags, QByteArrayView payload) {
        TcpSegment segment;
        segment.seq = m_next[from];
        segment.ack = (flags & kAck) ? m_next[other(from)] : 0;
        segment.flags = flags;
        segment.ipId = m_ipId[from]++;
        segment.payload = payload;
        appendPcapRecord(m_out, m_timeUs, m_ends[from], m_ends[other(from)], segment, m_format);
        // SYN and FIN each take one sequence number.
        m_next[from] += quint32(payload.size()) + ((flags & (kSyn | kFin)) ? 1 : 0);
    }

    QByteArray& m_out;
    const CaptureFileFormat m_format;
    std::array<IpEndpoint, 2> m_ends;
    std::array<quint32, 2> m_next{};
    std::array<qint64, 2> m_streamBytes{}; // data bytes of each side so far, written or missing
    std::array<quint16, 2> m_ipId{};
    std::array<bool, 2> m_finSent{};
    Side m_client = Peer;
    qint64 m_timeUs = 0;
    bool m_finished = false;
};

// Each connection as a flow, carrying for the connections in `records`
// their wire events (TLS records) instead of their plaintext.
bool writeFlows(const EventSource& events, ChunkWriter& writer, CaptureFileFormat format,
                const std::unordered_set<int>& records) {
    std::unordered_map<int, Flow> flows;
    return events.forEachEvent([&](const CaptureEvent& e) {
        if (e.conn == 0)
            return true;
        const bool wire = records.count(e.conn) > 0;
        const EventKind payloadKind = wire ? EventKind::Wire : EventKind::Data;
        if (e.carriesPayload() && e.kind != payloadKind)
            return true;
        auto found = flows.find(e.conn);
        const bool opens = e.kind == EventKind::Accept || e.kind == EventKind::Connected;
        // A connection whose opening event the capture budget dropped still
        // gets a flow, opened where its traffic starts.
        const bool impliesOpen = e.kind == payloadKind || e.kind == EventKind::HalfClose;
        if (found == flows.end() && (opens || impliesOpen))
            found = flows.try_emplace(e.conn, e, writer.buffer(), format).first;
        if (found == flows.end() || found->second.finished())
            return true;
        Flow* flow = &found->second;
        switch (e.kind) {
        case EventKind::Data:
        case EventKind::Wire:
            flow->data(e);
            break;
        case EventKind::HalfClose:
            flow->fin(e.by == Closer::Peer ? Peer : Local, e.timeUs);
            break;
        case EventKind::Close:
            if (e.reset)
                flow->reset(Local, e.timeUs); // our Abort: no FINs, an RST
            else
                flow->close(e.by == Closer::Peer ? Peer : Local, e.timeUs);
            break;
        case EventKind::Error:
            if (e.error == ErrorCode::Reset)
                flow->reset(Peer, e.timeUs);
            break;
        default:
            break;
        }
        return writer.flushIfFull();
    }) && writer.flush();
}

} // namespace

bool writePcapSession(const EventSource& events, QIODevice& device) {
    ChunkWriter writer(device);
    writer.append(pcapFileHeader());
    return writeFlows(events, writer, CaptureFileFormat::Pcap, {});
}

bool writePcapngSession(const EventSource& events, QIODevice& device) {
    // The secrets first, so Wireshark has them before the first record: a
    // walk over the lifecycle events only, which reads no payload.
    QByteArray keyLog;
    std::unordered_set<int> tlsConnections;
    events.forEachLifecycleEvent([&](const CaptureEvent& e) {
        if (e.kind == EventKind::Tls && e.conn != 0 && e.tls) {
            tlsConnections.insert(e.conn);
            keyLog += e.tls->keyLog;
            if (!keyLog.isEmpty() && !keyLog.endsWith('\n')) // an imported one may lack it
                keyLog += '\n';
        }
        return true;
    });
    ChunkWriter writer(device);
    writer.append(pcapngFileHeader());
    if (!keyLog.isEmpty())
        appendPcapngSecrets(writer.buffer(), keyLog);
    return writeFlows(events, writer, CaptureFileFormat::Pcapng, tlsConnections);
}

} // namespace sockscope
