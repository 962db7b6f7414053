// Searching a connection's stream in the capture store, page by page.
#include "capture/capturestore.h"
#include "capture/streamsearch.h"

#include <QTest>

#include <thread>

using namespace sockscope;

namespace {
void appendData(CaptureStore& store, quint64 seq, Direction dir, const QByteArray& bytes) {
    CaptureEvent e;
    e.seq = seq;
    e.kind = EventKind::Data;
    e.conn = 1;
    e.dir = dir;
    e.data = bytes;
    e.size = bytes.size();
    store.append(e);
}
} // namespace

class tst_StreamSearch final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsAcrossChunksDirectionsAndPages() {
        CaptureStore store;
        appendData(store, 1, Direction::In, "xxneed");
        appendData(store, 2, Direction::Out, "lexx"); // "needle" spans two chunks
        QByteArray big(3 * StreamSearch::kPageBytes, 'y');
        big.replace(StreamSearch::kPageBytes - 3, 6, "needle"); // and a page boundary
        appendData(store, 3, Direction::In, big);
        StreamSearch search(store, 1, "needle");
        QList<qint64> progress;
        const StreamSearch::Result result =
            search.run([&progress](qint64 searched, qint64) { progress.append(searched); });
        QCOMPARE(result.matches, qint64(2));
        QCOMPARE(result.offsets, (QList<qint64>{2, 10 + StreamSearch::kPageBytes - 3}));
        QCOMPARE(result.searched, store.streamLength(1));
        QVERIFY(progress.size() >= 3);
        QVERIFY(!result.cancelled);
    }

    void aGapBreaksAMatch() {
        CaptureStore store;
        store.setKeepPolicy(1, KeepPolicy{KeepPolicy::Mode::Head, 4});
        appendData(store, 1, Direction::In, "needle"); // "need" kept, "le" not
        appendData(store, 2, Direction::Out, "le");
        QCOMPARE(StreamSearch(store, 1, "needle").run().matches, qint64(0));
        QCOMPARE(StreamSearch(store, 1, "need").run().matches, qint64(1));
    }

    void countsMoreMatchesThanItKeeps() {
        CaptureStore store;
        appendData(store, 1, Direction::In, QByteArray(StreamSearch::kMaxKeptMatches + 5, 'a'));
        const StreamSearch::Result result = StreamSearch(store, 1, "a").run();
        QCOMPARE(result.matches, qint64(StreamSearch::kMaxKeptMatches + 5));
        QCOMPARE(result.offsets.size(), StreamSearch::kMaxKeptMatches);
    }

    void cancelStopsItFromAnotherThread() {
        CaptureStore store;
        for (quint64 seq = 1; seq <= 64; ++seq)
            appendData(store, seq, Direction::In, QByteArray(StreamSearch::kPageBytes, 'z'));
        StreamSearch search(store, 1, "needle");
        // After the first page, another thread cancels, as the window's
        // Cancel button does while the search runs on its worker.
        int pages = 0;
        const StreamSearch::Result result = search.run([&](qint64, qint64) {
            if (++pages == 1)
                std::thread([&search] { search.cancel(); }).join();
        });
        QCOMPARE(pages, 1);
        QVERIFY(result.cancelled);
        QVERIFY(result.searched < store.streamLength(1));
    }
};

QTEST_GUILESS_MAIN(tst_StreamSearch)
#include "tst_streamsearch.moc"
