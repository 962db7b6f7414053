// Export and import speed: 1,000,000 events (a realistic mix of lifecycle and
// data events, payloads of 1 to 512 bytes) through every session format, min and
// median of several runs. The reference is the disk itself: the same payload
// bytes written raw with one QFile::write per event.
//
//   build-bench-suite/export_speed [events] [runs]
#include "formats/jsonlreader.h"
#include "formats/sessionexport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace sockscope;

namespace {
EventBatch makeSession(int count) {
    QRandomGenerator random(42);
    EventBatch events;
    events.reserve(count);
    qint64 timeUs = 1764074846000000;
    for (int i = 0; i < count; ++i) {
        CaptureEvent e;
        e.seq = quint64(i + 1);
        e.timeUs = (timeUs += 37);
        e.conn = 2 + i / 50; // a new connection every 50 events
        e.listener = 1;
        if (i % 50 == 0) {
            e.kind = EventKind::Accept;
            e.local = *SocketAddress::fromString(u"127.0.0.1:8080");
            e.peer = *SocketAddress::fromString(QStringLiteral("127.0.0.1:%1").arg(40000 + e.conn));
        } else if (i % 50 == 49) {
            e.kind = EventKind::Close;
            e.by = Closer::Peer;
        } else {
            e.kind = EventKind::Data;
            e.dir = i % 2 ? Direction::In : Direction::Out;
            const int size = 1 + int(random.bounded(512u));
            e.data.resize(size);
            for (char& c : e.data)
                c = char(random.bounded(256u));
            e.size = size;
        }
        events.append(e);
    }
    return events;
}

double seconds(const std::function<void()>& work) {
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e9;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 1000000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    const EventBatch events = makeSession(count);
    qint64 payload = 0;
    for (const CaptureEvent& e : events)
        payload += e.data.size();
    QTemporaryDir dir;
    std::printf("%d events, %.0f MiB payload, %d runs: min / median seconds\n", count,
                double(payload) / (1 << 20), runs);
    auto report = [&](const char* name, const std::function<void()>& work, const QString& file) {
        QList<double> times;
        for (int run = 0; run < runs; ++run)
            times.append(seconds(work));
        std::sort(times.begin(), times.end());
        const double mib = file.isEmpty() ? 0 : double(QFile(file).size()) / (1 << 20);
        std::printf("%-22s %7.2f / %7.2f s   %8.0f MiB\n", name, times.first(), times[runs / 2],
                    mib);
    };
    const QString raw = dir.filePath(QStringLiteral("raw.bin"));
    report(
        "disk: raw payload",
        [&] {
            QFile out(raw);
            out.open(QIODevice::WriteOnly);
            for (const CaptureEvent& e : events)
                out.write(e.data);
        },
        raw);
    for (const char* ext : {"jsonl", "csv", "html", "pcap"}) {
        const QString path = dir.filePath(QStringLiteral("session.") + QLatin1String(ext));
        const ExportFormat format = *exportFormatForPath(path);
        report(
            qPrintable(QStringLiteral("export %1").arg(QLatin1String(ext))),
            [&] {
                QString error;
                if (!exportSession(BatchEventSource(events), path, format, &error))
                    std::fprintf(stderr, "export failed: %s\n", qPrintable(error));
            },
            path);
    }
    const QString jsonl = dir.filePath(QStringLiteral("session.jsonl"));
    report(
        "import jsonl",
        [&] {
            QString error;
            if (!readJsonlSession(jsonl, &error))
                std::fprintf(stderr, "import failed: %s\n", qPrintable(error));
        },
        QString());
    return 0;
}
