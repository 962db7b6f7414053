// Rows of a connection's stream as the Follow stream view shows them, cut
// from the capture store without a widget: text rows, byte rows, gaps, and
// finding row starts anywhere in a long stream.
#include "capture/capturestore.h"
#include "eventfactory.h"
#include "models/streamlayout.h"

#include <QTest>

using namespace sockscope;

namespace {
QString textOf(const StreamRow& row) {
    QString text;
    for (const StreamRow::Piece& piece : row.pieces)
        text += piece.text;
    return text;
}
} // namespace

class tst_StreamLayout final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void textRowsEndAtLineBreaksAndWrapAtTheColumns() {
        CaptureStore store;
        EventFactory events;
        store.append(events.data(1, Direction::In, "hello\nwor"));
        store.append(events.data(1, Direction::Out, "ld and more"));
        StreamLayout layout;
        layout.reset(&store, 1, store.streamLength(1));
        layout.setTextRows(8);
        const QList<StreamRow> rows = layout.rowsFrom(0, 10);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(textOf(rows[0]), u"hello"_qs);
        QCOMPARE(rows[0].end, qint64(6)); // the '\n' ends the row, unseen
        // One row, two directions: a piece each, the second starting a chunk.
        QCOMPARE(rows[1].offset, qint64(6));
        QCOMPARE(rows[1].pieces.size(), 2);
        QCOMPARE(rows[1].pieces[0].text, u"wor"_qs);
        QCOMPARE(rows[1].pieces[0].dir, Direction::In);
        QCOMPARE(rows[1].pieces[1].text, u"ld an"_qs);
        QCOMPARE(rows[1].pieces[1].dir, Direction::Out);
        QVERIFY(rows[1].pieces[1].chunkStart);
        QCOMPARE(textOf(rows[2]), u"d more"_qs);
        QCOMPARE(rows[2].end, store.streamLength(1));
    }

    void byteRowsStartAtMultiplesAndAGapIsARowOfItsOwn() {
        CaptureStore store;
        EventFactory events;
        store.setKeepPolicy(1, KeepPolicy{KeepPolicy::Mode::Head, 20});
        store.append(events.data(1, Direction::In, QByteArray(20, 'a')));
        store.append(events.data(1, Direction::In, QByteArray(30, 'b'))); // past the keep policy
        StreamLayout layout;
        layout.reset(&store, 1, store.streamLength(1));
        layout.setByteRows(kHexBytesPerRow);
        const QList<StreamRow> rows = layout.rowsFrom(0, 10);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].offset, qint64(0));
        QCOMPARE(rows[0].bytes, QByteArray(16, 'a'));
        QCOMPARE(rows[1].offset, qint64(16));
        QCOMPARE(rows[1].bytes, QByteArray(4, 'a'));
        QVERIFY(rows[2].gap);
        QCOMPARE(rows[2].offset, qint64(20));
        QCOMPARE(rows[2].end, qint64(50));
        // A row asked for from the middle of one starts where that row does.
        QCOMPARE(layout.rowStart(9), qint64(0));
        QCOMPARE(layout.rowStart(35), qint64(20));
    }

    void rowStartsAreFoundAnywhereInALongLine() {
        // 8 MiB with no '\n': finding a row must not lay out the whole line.
        CaptureStore store;
        EventFactory events;
        const QByteArray block(1024 * 1024, 'x');
        for (quint64 seq = 1; seq <= 8; ++seq)
            store.append(events.data(1, Direction::In, block));
        const qint64 length = store.streamLength(1);
        StreamLayout layout;
        layout.reset(&store, 1, length);
        layout.setTextRows(100);
        for (const qint64 at : {qint64(0), qint64(4096 + 7), length / 2 + 13, length - 1}) {
            const qint64 start = layout.rowStart(at);
            const QList<StreamRow> rows = layout.rowsFrom(start, 1);
            QCOMPARE(rows.size(), 1);
            QCOMPARE(rows[0].offset, start);
            QVERIFY2(rows[0].offset <= at && at < rows[0].end, qPrintable(QString::number(at)));
            // Going back rows and forward as many lands on the same row.
            if (start == 0)
                continue;
            const QList<StreamRow> down = layout.rowsFrom(layout.rowsAbove(start, 3), 4);
            QCOMPARE(down.size(), 4);
            QCOMPARE(down.last().offset, start);
        }
    }

    void theEndTopFillsTheLastRows() {
        CaptureStore store;
        EventFactory events;
        QByteArray lines;
        for (int i = 0; i < 100; ++i)
            lines += QByteArray::number(i) + '\n';
        store.append(events.data(1, Direction::In, lines));
        StreamLayout layout;
        layout.reset(&store, 1, store.streamLength(1));
        layout.setTextRows(80);
        const QList<StreamRow> last = layout.rowsFrom(layout.endTop(3), 10);
        QCOMPARE(last.size(), 3);
        QCOMPARE(textOf(last[0]), u"97"_qs);
        QCOMPARE(last.last().end, store.streamLength(1));
        // The stream grows (a live batch): the end follows.
        store.append(events.data(1, Direction::Out, "100\n"));
        layout.setLength(store.streamLength(1));
        QCOMPARE(textOf(layout.rowsFrom(layout.endTop(1), 1).front()), u"100"_qs);
    }

    void hexLinesKeepEachByteInItsColumn() {
        const int digits = 8;
        // Two bytes from offset 0x1e: the row of 0x10, columns 14 and 15.
        const QString line = hexLine(0x1e, "A\x01", digits);
        QCOMPARE(line.size(), hexLineChars(digits));
        QVERIFY(line.startsWith(u"00000010  "_qs));
        QCOMPARE(line.mid(hexColumn(14, digits), 2), u"41"_qs);
        QCOMPARE(line.mid(hexColumn(15, digits), 2), u"01"_qs);
        QCOMPARE(line.mid(hexColumn(0, digits), 2), u"  "_qs);
        QCOMPARE(line.mid(asciiColumn(digits) + 14, 2), u"A."_qs);
        QCOMPARE(rawLine(33, "\xff"), QString(2, u' ') + u"ff"_qs + QString(60, u' '));
    }
};

QTEST_GUILESS_MAIN(tst_StreamLayout)
#include "tst_streamlayout.moc"
