#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>

namespace sockscope {

// Raw building blocks of the pcap export: a file header and records that
// hold synthesized IPv4 or IPv6 packets carrying one TCP segment each.

struct IpEndpoint {
    std::array<quint8, 16> address{}; // IPv4 in the first 4 bytes
    bool v6 = false;
    quint16 port = 0;
};

namespace tcpflag {
inline constexpr quint8 kFin = 0x01;
inline constexpr quint8 kSyn = 0x02;
inline constexpr quint8 kRst = 0x04;
inline constexpr quint8 kPsh = 0x08;
inline constexpr quint8 kAck = 0x10;
} // namespace tcpflag

struct TcpSegment {
    quint32 seq = 0;
    quint32 ack = 0;
    quint8 flags = 0;
    quint16 ipId = 0; // IPv4 identification
    QByteArrayView payload;
};

// The window every segment announces. SYNs also offer window scaling by
// 2^kWindowShift, so that large chunks in flight never fill the window.
inline constexpr quint16 kTcpWindow = 65535;
inline constexpr int kWindowShift = 14;
// Stays below the loopback MSS and below the 65535-byte IPv4 total length.
inline constexpr qsizetype kMaxSegmentPayload = 65000;

enum class CaptureFileFormat { Pcap, Pcapng };

// Classic pcap, little-endian, nanosecond timestamps, LINKTYPE_RAW.
QByteArray pcapFileHeader();
// pcapng: a section header and one interface, LINKTYPE_RAW, nanoseconds.
QByteArray pcapngFileHeader();
// pcapng: a Decryption Secrets Block with TLS key log lines, which Wireshark
// uses for the packets after it, with no key log file of its own.
void appendPcapngSecrets(QByteArray& out, QByteArrayView keyLog);

// One record (pcap: a record header; pcapng: an Enhanced Packet Block), with
// the IP packet and correct IP and TCP checksums. Both endpoints must be of
// the same family.
void appendPcapRecord(QByteArray& out, qint64 timeUs, const IpEndpoint& from, const IpEndpoint& to,
                      const TcpSegment& segment,
                      CaptureFileFormat format = CaptureFileFormat::Pcap);

} // namespace sockscope
