#include "formats/pcappacket.h"

#include <cstring>

namespace sockscope {

namespace {

constexpr quint32 kPcapNanoMagic = 0xa1b23c4d;
constexpr quint32 kSnapLength = 262144;
constexpr quint32 kLinkTypeRaw = 101;
constexpr int kRecordHeaderSize = 16;
// pcapng (draft-ietf-opsawg-pcapng) block types and constants.
constexpr quint32 kPcapngSectionHeader = 0x0a0d0d0a;
constexpr quint32 kPcapngByteOrderMagic = 0x1a2b3c4d;
constexpr quint32 kPcapngInterface = 1;
constexpr quint32 kPcapngEnhancedPacket = 6;
constexpr quint32 kPcapngDecryptionSecrets = 0x0a;
constexpr quint32 kSecretsTlsKeyLog = 0x544c534b; // "TLSK": NSS key log lines
constexpr int kEnhancedPacketHeaderSize = 28;
constexpr int kIpv4HeaderSize = 20;
constexpr int kIpv6HeaderSize = 40;
constexpr int kTcpHeaderSize = 20;
constexpr int kSynOptionsSize = 8; // MSS, NOP, window scale
constexpr quint16 kMss = 65495;
constexpr quint8 kProtocolTcp = 6;
constexpr quint8 kTtl = 64;

void putLe32(uchar* p, quint32 v) {
    p[0] = uchar(v);
    p[1] = uchar(v >> 8);
    p[2] = uchar(v >> 16);
    p[3] = uchar(v >> 24);
}

void putBe16(uchar* p, quint16 v) {
    p[0] = uchar(v >> 8);
    p[1] = uchar(v);
}

void putBe32(uchar* p, quint32 v) {
    putBe16(p, quint16(v >> 16));
    putBe16(p + 2, quint16(v));
}

// The Internet checksum's running sum over big-endian 16-bit words.
quint64 sumWords(const uchar* p, qsizetype size, quint64 sum = 0) {
    qsizetype i = 0;
    for (; i + 1 < size; i += 2)
        sum += quint32(p[i]) << 8 | p[i + 1];
    if (i < size)
        sum += quint32(p[i]) << 8;
    return sum;
}

quint16 finishChecksum(quint64 sum) {
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

} // namespace

QByteArray pcapFileHeader() {
    QByteArray header(24, '\0');
    auto* p = reinterpret_cast<uchar*>(header.data());
    putLe32(p, kPcapNanoMagic);
    p[4] = 2; // version 2.4, little-endian like the magic
    p[6] = 4;
    putLe32(p + 16, kSnapLength);
    putLe32(p + 20, kLinkTypeRaw);
    return header;
}

QByteArray pcapngFileHeader() {
    QByteArray header(28 + 32, '\0');
    auto* p = reinterpret_cast<uchar*>(header.data());
    // Section Header Block: byte-order magic, version 1.0, length unknown.
    putLe32(p, kPcapngSectionHeader);
    putLe32(p + 4, 28);
    putLe32(p + 8, kPcapngByteOrderMagic);
    p[12] = 1;
    std::memset(p + 16, 0xff, 8);
    putLe32(p + 24, 28);
    // Interface Description Block: LINKTYPE_RAW, nanosecond timestamps
    // (if_tsresol 9), then the end of options.
    uchar* idb = p + 28;
    putLe32(idb, kPcapngInterface);
    putLe32(idb + 4, 32);
    idb[8] = quint8(kLinkTypeRaw);
    putLe32(idb + 12, kSnapLength);
    idb[16] = 9; // if_tsresol
    idb[18] = 1;
    idb[20] = 9;
    putLe32(idb + 28, 32);
    return header;
}

void appendPcapngSecrets(QByteArray& out, QByteArrayView keyLog) {
    const qsizetype padded = (keyLog.size() + 3) / 4 * 4;
    const auto total = quint32(20 + padded);
    const qsizetype start = out.size();
    out.resize(start + total);
    auto* p = reinterpret_cast<uchar*>(out.data() + start);
    std::memset(p, 0, total);
    putLe32(p, kPcapngDecryptionSecrets);
    putLe32(p + 4, total);
    putLe32(p + 8, kSecretsTlsKeyLog);
    putLe32(p + 12, quint32(keyLog.size()));
    std::memcpy(p + 16, keyLog.data(), size_t(keyLog.size()));
    putLe32(p + total - 4, total);
}

void appendPcapRecord(QByteArray& out, qint64 timeUs, const IpEndpoint& from, const IpEndpoint& to,
                      const TcpSegment& segment, CaptureFileFormat format) {
    const bool syn = segment.flags & tcpflag::kSyn;
    const int ipSize = from.v6 ? kIpv6HeaderSize : kIpv4HeaderSize;
    const int tcpHeaderSize = kTcpHeaderSize + (syn ? kSynOptionsSize : 0);
    const qsizetype tcpSize = tcpHeaderSize + segment.payload.size();
    const qsizetype packetSize = ipSize + tcpSize;
    const bool ng = format == CaptureFileFormat::Pcapng;
    // pcapng: an Enhanced Packet Block, its data padded to 4 bytes and its
    // length repeated after it.
    const int headerSize = ng ? kEnhancedPacketHeaderSize : kRecordHeaderSize;
    const qsizetype padding = ng ? (4 - packetSize % 4) % 4 : 0;
    const qsizetype trailer = ng ? 4 : 0;
    const qsizetype recordSize = headerSize + packetSize + padding + trailer;

    const qsizetype start = out.size();
    out.resize(start + recordSize);
    auto* record = reinterpret_cast<uchar*>(out.data() + start);
    std::memset(record, 0, headerSize + ipSize + tcpHeaderSize);

    const qint64 clamped = std::max<qint64>(timeUs, 0);
    if (ng) {
        const quint64 ns = quint64(clamped) * 1000;
        putLe32(record, kPcapngEnhancedPacket);
        putLe32(record + 4, quint32(recordSize));
        putLe32(record + 8, 0); // the one interface
        putLe32(record + 12, quint32(ns >> 32));
        putLe32(record + 16, quint32(ns));
        putLe32(record + 20, quint32(packetSize));
        putLe32(record + 24, quint32(packetSize));
        std::memset(record + headerSize + packetSize, 0, size_t(padding));
        putLe32(record + recordSize - 4, quint32(recordSize));
    } else {
        putLe32(record, quint32(clamped / 1000000));
        putLe32(record + 4, quint32(clamped % 1000000 * 1000));
        putLe32(record + 8, quint32(packetSize));
        putLe32(record + 12, quint32(packetSize));
    }

    uchar* ip = record + headerSize;
    const int addressSize = from.v6 ? 16 : 4;
    uchar* source = ip + (from.v6 ? 8 : 12);
    uchar* destination = source + addressSize;
    if (from.v6) {
        ip[0] = 0x60;
        putBe16(ip + 4, quint16(tcpSize));
        ip[6] = kProtocolTcp;
        ip[7] = kTtl;
    } else {
        ip[0] = 0x45;
        putBe16(ip + 2, quint16(packetSize));
        putBe16(ip + 4, segment.ipId);
        ip[6] = 0x40; // don't fragment
        ip[8] = kTtl;
        ip[9] = kProtocolTcp;
    }
    std::memcpy(source, from.address.data(), size_t(addressSize));
    std::memcpy(destination, to.address.data(), size_t(addressSize));
    if (!from.v6)
        putBe16(ip + 10, finishChecksum(sumWords(ip, kIpv4HeaderSize)));

    uchar* tcp = ip + ipSize;
    putBe16(tcp, from.port);
    putBe16(tcp + 2, to.port);
    putBe32(tcp + 4, segment.seq);
    putBe32(tcp + 8, segment.ack);
    tcp[12] = uchar((tcpHeaderSize / 4) << 4);
    tcp[13] = segment.flags;
    putBe16(tcp + 14, kTcpWindow);
    if (syn) {
        uchar* options = tcp + kTcpHeaderSize;
        options[0] = 2; // MSS
        options[1] = 4;
        putBe16(options + 2, kMss);
        options[4] = 1; // NOP, aligns the window scale option
        options[5] = 3; // window scale
        options[6] = 3;
        options[7] = kWindowShift;
    }
    if (!segment.payload.isEmpty())
        std::memcpy(tcp + tcpHeaderSize, segment.payload.data(), size_t(segment.payload.size()));

    // Pseudo-header: addresses, protocol and TCP length (the IPv6 form
    // differs only in field widths, which the word sum does not see).
    quint64 sum = sumWords(source, 2 * addressSize);
    sum += kProtocolTcp + quint64(tcpSize);
    sum = sumWords(tcp, tcpSize, sum);
    putBe16(tcp + 16, finishChecksum(sum));
}

} // namespace sockscope
