#include "base/payloadtext.h"
#include "capture/capturestore.h"
#include "eventfactory.h"
#include "fakesessionsource.h"
#include "followstreamview.h"
#include "models/palettecolors.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <algorithm>
#include <iterator>
#include <memory>

using namespace sockscope;

namespace {

int pixelsOf(const QImage& image, const QColor& colour) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += image.pixelColor(x, y).rgb() == colour.rgb() ? 1 : 0;
    }
    return count;
}

int firstRowOf(const QImage& image, const QColor& colour) {
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y).rgb() == colour.rgb())
                return y;
        }
    }
    return -1;
}

QImage paintedImage(FollowStreamView& view) {
    return view.viewport()->grab().toImage();
}

// "line 00000042 ........\n": 64 bytes, so line n starts at offset 64 n.
QByteArray numberedLine(int n) {
    QByteArray line = "line " + QByteArray::number(n).rightJustified(8, '0') + ' ';
    return line.leftJustified(63, '.') + '\n';
}

} // namespace

class tst_FollowStreamView final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;
    std::unique_ptr<FakeSessionSource> m_session;
    std::unique_ptr<FollowStreamView> m_view;

    CaptureEvent add(int conn, Direction dir, const QByteArray& bytes) {
        const CaptureEvent event = m_events.data(conn, dir, bytes);
        m_session->add(event);
        return event;
    }
    // The view on screen, by default the size of a detail pane, following conn.
    FollowStreamView& show(int conn, QSize size = {800, 600}) {
        m_view->resize(size);
        m_view->show();
        if (!QTest::qWaitForWindowExposed(m_view.get()))
            qWarning("the view was not exposed");
        m_view->setConnection(conn);
        return *m_view;
    }

private Q_SLOTS:
    void init() {
        m_events = EventFactory();
        m_session = std::make_unique<FakeSessionSource>();
        m_view = std::make_unique<FollowStreamView>(m_session.get());
    }
    void cleanup() {
        m_view.reset();
        m_session.reset();
    }

    void consecutiveChunksFlowTogether() {
        add(1, Direction::In, "hel");
        add(1, Direction::In, "lo\n");
        add(1, Direction::Out, "po");
        add(1, Direction::Out, "ng");
        add(1, Direction::In, "!");
        add(2, Direction::In, "not this one");
        FollowStreamView& view = show(1);
        // As the bytes passed, not as they were read: no break at each recv,
        // nor where the direction changes.
        QCOMPARE(view.visibleRows(), QStringList({u"hello"_qs, u"pong!"_qs}));
        view.setShowChunkBoundaries(true);
        QCOMPARE(view.visibleRows(), QStringList({u"hello"_qs, u"pong!"_qs}));
        view.copyVisible();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"hello\npong!"_qs);
        // The conversation as text, beyond what is on screen too.
        view.resize(60, 30);
        QCOMPARE(view.toPlainText(), u"hello\npong!"_qs);
    }

    void directionsAreColouredDifferently() {
        add(1, Direction::Out, "     ping\n");
        add(1, Direction::In, "     pong\n");
        FollowStreamView& view = show(1);
        const QImage image = paintedImage(view);
        const QColor out = directionBackground(view.palette(), Direction::Out);
        const QColor in = directionBackground(view.palette(), Direction::In);
        QVERIFY(out != in);
        QVERIFY(pixelsOf(image, out) > 100);
        QVERIFY(pixelsOf(image, in) > 100);
        // The request's row above the reply's.
        QVERIFY(firstRowOf(image, out) < firstRowOf(image, in));
    }

    void followsThePalette() {
        add(1, Direction::In, "     pong\n");
        FollowStreamView& view = show(1);
        const QPalette light = view.palette();
        QPalette dark = light;
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        view.setPalette(dark);
        QTRY_VERIFY(pixelsOf(paintedImage(view), directionBackground(dark, Direction::In)) > 100);
        QCOMPARE(pixelsOf(paintedImage(view), directionBackground(light, Direction::In)), 0);
    }

    void hostileBytesAreEscaped() {
        add(1, Direction::In,
            "\x1b[2J\xe2\x80\xae"
            "evil");
        const QString row = show(1).visibleRows().value(0);
        QVERIFY2(!row.contains(QChar(0x1b)), qPrintable(row));
        QVERIFY2(!row.contains(QChar(0x202e)), qPrintable(row));
        QCOMPARE(row, u"\\x1b[2J\\u{202e}evil"_qs);
    }

    void textKeepsCharactersWhole() {
        // A character split between two reads is still one character.
        add(1, Direction::In, "caf\xc3");
        add(1, Direction::In, "\xa9\n");
        QCOMPARE(show(1).visibleRows(), QStringList({u"café"_qs}));
    }

    void chunkBoundariesAreMarked() {
        add(1, Direction::In, "aaaa");
        add(1, Direction::In, "bbbb");
        FollowStreamView& view = show(1);
        const QColor marker = directionForeground(view.palette(), Direction::In);
        const int without = pixelsOf(paintedImage(view), marker);
        QSignalSpy changed(&view, &FollowStreamView::showChunkBoundariesChanged);
        view.setShowChunkBoundaries(true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(view.showsChunkBoundaries());
        // A marker before each chunk's first byte, the text unchanged.
        QVERIFY(pixelsOf(paintedImage(view), marker) > without);
        QCOMPARE(view.visibleRows(), QStringList({u"aaaabbbb"_qs}));
    }

    void gapsAreNotesNotZeros() {
        m_session->setKeepPolicy(1, {KeepPolicy::Mode::Head, 4});
        add(1, Direction::In, "abcd" + QByteArray(3 << 20, 'z'));
        add(1, Direction::Out, "bye\n");
        FollowStreamView& view = show(1);
        QCOMPARE(view.visibleRows(),
                 QStringList({u"abcd"_qs, u"[3.0 MiB not kept]"_qs, u"bye"_qs}));

        QCOMPARE(view.toPlainText(), u"abcd\n[3.0 MiB not kept]\nbye\n"_qs);

        view.setMode(FollowStreamView::Mode::Hex);
        const QStringList rows = view.visibleRows();
        QCOMPARE(rows.size(), 3);
        QVERIFY2(rows[0].startsWith(u"00000000  61 62 63 64    "), qPrintable(rows[0]));
        QCOMPARE(rows[1], u"[3.0 MiB not kept]"_qs);
        // The bytes after the gap, in the columns of their offsets.
        QVERIFY2(rows[2].startsWith(u"00300000              62 79 65 0a"), qPrintable(rows[2]));
        for (const QString& row : rows)
            QVERIFY2(!row.contains(u"00 00") && !row.contains(u"7a"), qPrintable(row));
    }

    void hexRowsAreHexdumpRows() {
        const QByteArray in = "0123456789";
        const QByteArray out = "abcdefghij";
        add(1, Direction::In, in);
        add(1, Direction::Out, out);
        FollowStreamView& view = show(1);
        QSignalSpy changed(&view, &FollowStreamView::modeChanged);
        view.setMode(FollowStreamView::Mode::Hex);
        QCOMPARE(changed.count(), 1);
        // 16 bytes of the stream a row, whatever direction they went.
        const QStringList rows = view.visibleRows();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0], hexDump((in + out).left(16)));
        QVERIFY2(rows[1].startsWith(u"00000010  67 68 69 6a  "), qPrintable(rows[1]));
        QVERIFY2(rows[1].endsWith(u"|ghij            |"), qPrintable(rows[1]));
        const QImage image = paintedImage(view);
        QVERIFY(pixelsOf(image, directionBackground(view.palette(), Direction::In)) > 100);
        QVERIFY(pixelsOf(image, directionBackground(view.palette(), Direction::Out)) > 100);

        view.setMode(FollowStreamView::Mode::Raw);
        const QByteArray all = (in + out + in + out).left(40);
        view.appendBatch({add(1, Direction::In, in + out)});
        QCOMPARE(view.visibleRows(),
                 QStringList({QString::fromLatin1(all.left(32).toHex()),
                              QString::fromLatin1(all.mid(32).toHex()).leftJustified(64)}));
    }

    void savesOneDirectionOrBoth() {
        m_session->setKeepPolicy(1, {KeepPolicy::Mode::Head, 6});
        add(1, Direction::Out, "GET /\n");
        add(1, Direction::In, "200 OK");
        add(1, Direction::In, "not kept");
        add(1, Direction::Out, "never");
        add(2, Direction::Out, "other connection");
        FollowStreamView& view = show(1);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto saved = [&](Direction which) {
            const QString path = dir.filePath(u"stream.bin"_qs);
            QString error;
            if (!view.saveStream(path, which, &error)) {
                qWarning("%s", qPrintable(error));
                return QByteArray("failed");
            }
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("unreadable");
        };
        // Kept bytes only: what the policy dropped is not made up.
        QCOMPARE(saved(Direction::None), QByteArray("GET /\n200 OK"));
        QCOMPARE(saved(Direction::In), QByteArray("200 OK"));
        QCOMPARE(saved(Direction::Out), QByteArray("GET /\n"));

        const QString badPath = dir.filePath(u"missing/stream.bin"_qs);
        QString error;
        QVERIFY(!view.saveStream(badPath, Direction::None, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(badPath)), qPrintable(error));
        view.setConnection(0);
        QVERIFY(!view.saveStream(dir.filePath(u"none.bin"_qs), Direction::None, &error));
        QVERIFY(!error.isEmpty());
    }

    void liveBatchesFollowTheEnd() {
        add(1, Direction::In, numberedLine(0));
        FollowStreamView& view = show(1);
        QCOMPARE(view.visibleRows().value(0), QString::fromLatin1(numberedLine(0).chopped(1)));
        // At the end (all of it fits): new bytes keep the view at the end.
        EventBatch batch;
        for (int i = 1; i < 1000; ++i)
            batch.append(add(1, Direction::In, numberedLine(i)));
        view.appendBatch(batch);
        QVERIFY(view.topOffset() > 0);
        QCOMPARE(view.visibleRows().last(), QString::fromLatin1(numberedLine(999).chopped(1)));
        // Scrolled back: new bytes leave the view where it is.
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.topOffset(), qint64(0));
        view.appendBatch({add(1, Direction::Out, numberedLine(1000))});
        QCOMPARE(view.topOffset(), qint64(0));
        // Other connections' bytes change nothing.
        view.appendBatch({add(2, Direction::Out, "elsewhere")});
        QCOMPARE(view.visibleRows().value(0), QString::fromLatin1(numberedLine(0).chopped(1)));
    }

    void keysWheelAndScrollBarMoveByRows() {
        for (int i = 0; i < 1000; ++i)
            add(1, Direction::In, numberedLine(i));
        FollowStreamView& view = show(1);
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.topOffset(), qint64(64));
        QTest::keyClick(&view, Qt::Key_Up);
        QCOMPARE(view.topOffset(), qint64(0));
        QTest::keyClick(&view, Qt::Key_PageDown);
        const qint64 page = view.topOffset();
        QVERIFY(page >= 10 * 64);
        QCOMPARE(page % 64, qint64(0));
        QTest::keyClick(&view, Qt::Key_PageUp);
        QCOMPARE(view.topOffset(), qint64(0));

        QWheelEvent wheel(QPointF(10, 10), view.viewport()->mapToGlobal(QPointF(10, 10)), QPoint(),
                          QPoint(0, -QWheelEvent::DefaultDeltasPerStep), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &wheel);
        QCOMPARE(view.topOffset(), qint64(64 * QApplication::wheelScrollLines()));

        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(view.visibleRows().last(), QString::fromLatin1(numberedLine(999).chopped(1)));
        const qint64 end = view.topOffset();
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.topOffset(), end);
        QCOMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());

        // The scroll bar maps to offsets, each shown from its row's start.
        const qint64 line500 = 500 * 64;
        view.verticalScrollBar()->setValue(int(line500 + 10));
        QCOMPARE(view.topOffset(), line500);
        QCOMPARE(view.visibleRows().value(0), QString::fromLatin1(numberedLine(500).chopped(1)));
        view.verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        QCOMPARE(view.topOffset(), line500 + 64);
        view.scrollToOffset(line500 + 70);
        QCOMPARE(view.topOffset(), line500 + 64);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.topOffset(), qint64(0));
    }

    void rowsAreTheSameWhicheverWayOneScrolls_data() {
        QTest::addColumn<FollowStreamView::Mode>("mode");
        QTest::newRow("text") << FollowStreamView::Mode::Text;
        QTest::newRow("hex") << FollowStreamView::Mode::Hex;
        QTest::newRow("raw") << FollowStreamView::Mode::Raw;
    }
    void rowsAreTheSameWhicheverWayOneScrolls() {
        QFETCH(FollowStreamView::Mode, mode);
        // Long lines across several text blocks, characters of several
        // bytes, binary, short lines, both directions and gaps: a row found
        // going down, going up or by offset must be the same row.
        m_session->setKeepPolicy(1, {KeepPolicy::Mode::Head, 20'000});
        QRandomGenerator random(42);
        const QByteArray pieces[] = {"\xc3\xa9", "\xe2\x82\xac", "word ", "\n", "\r\n", "\x01"};
        for (int chunk = 0; chunk < 40; ++chunk) {
            QByteArray bytes;
            const bool longLine = chunk % 7 == 3;
            const int size = longLine ? 9000 : int(random.bounded(50, 1500));
            while (bytes.size() < size) {
                const QByteArray& piece = pieces[random.bounded(int(std::size(pieces)))];
                if (!longLine || !piece.contains('\n'))
                    bytes += piece;
            }
            add(1, chunk % 3 == 0 ? Direction::Out : Direction::In, bytes);
        }
        FollowStreamView& view = show(1, {300, 200});
        view.setMode(mode);
        QList<qint64> down;
        for (int i = 0; i < 20'000 && (down.isEmpty() || down.last() != view.topOffset()); ++i) {
            down.append(view.topOffset());
            QTest::keyClick(&view, Qt::Key_Down);
        }
        QVERIFY(down.size() > 50);
        QList<qint64> up;
        QTest::keyClick(&view, Qt::Key_End);
        for (int i = 0; i < 20'000 && (up.isEmpty() || up.last() != view.topOffset()); ++i) {
            up.append(view.topOffset());
            QTest::keyClick(&view, Qt::Key_Up);
        }
        std::reverse(up.begin(), up.end());
        QCOMPARE(up, down);
        for (qsizetype i = 0; i + 1 < down.size(); ++i) {
            view.scrollToOffset((down[i] + down[i + 1]) / 2);
            QCOMPARE(view.topOffset(), down[i]);
        }
    }

    void pagesAHugeStream() {
        // 64 MiB in 256 KiB chunks, the directions taking turns.
        constexpr int kLinesPerChunk = 4096;
        constexpr int kChunks = 256;
        for (int chunk = 0; chunk < kChunks; ++chunk) {
            QByteArray bytes;
            bytes.reserve(kLinesPerChunk * 64);
            for (int i = 0; i < kLinesPerChunk; ++i)
                bytes += numberedLine(chunk * kLinesPerChunk + i);
            add(1, chunk % 2 == 0 ? Direction::In : Direction::Out, bytes);
        }
        const qint64 length = m_session->store().streamLength(1);
        QCOMPARE(length, 64ll << 20);
        const qint64 readBefore = m_session->store().bytesRead();

        FollowStreamView& view = show(1);
        paintedImage(view);
        QCOMPARE(view.visibleRows().value(0), QString::fromLatin1(numberedLine(0).chopped(1)));
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        paintedImage(view);
        const int lastLine = kChunks * kLinesPerChunk - 1;
        QCOMPARE(view.visibleRows().last(), QString::fromLatin1(numberedLine(lastLine).chopped(1)));
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
        paintedImage(view);
        const qint64 middle = view.topOffset();
        QVERIFY(qAbs(middle - length / 2) < length / 100);
        QCOMPARE(view.visibleRows().value(0),
                 QString::fromLatin1(numberedLine(int(middle / 64)).chopped(1)));
        QTest::keyClick(&view, Qt::Key_PageDown);
        paintedImage(view);
        view.setMode(FollowStreamView::Mode::Hex);
        paintedImage(view);
        QCOMPARE(view.topOffset() % 16, qint64(0));

        const qint64 read = m_session->store().bytesRead() - readBefore;
        QVERIFY2(read < (1 << 20), qPrintable(QString::number(read)));

        // As text, a bounded beginning.
        const QString text = view.toPlainText();
        QVERIFY(text.startsWith(QString::fromLatin1(numberedLine(0))));
        QVERIFY2(text.endsWith(u"\n[63.0 MiB more not shown]"), qPrintable(text.right(100)));
    }

    void longLinesAreNotLaidOutWhole() {
        add(1, Direction::In, QByteArray(20'000'000, 'x') + "END");
        const qint64 readBefore = m_session->store().bytesRead();
        FollowStreamView& view = show(1);
        paintedImage(view);
        const QStringList rows = view.visibleRows();
        QVERIFY(rows.size() > 10);
        QVERIFY(rows[0].size() > 8);
        QCOMPARE(rows[1], rows[0]);
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.topOffset(), qint64(rows[0].size()));
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        paintedImage(view);
        QVERIFY2(view.visibleRows().last().endsWith(u"xEND"),
                 qPrintable(view.visibleRows().last()));
        // Rows of the line's middle: whole rows of it, never more than fit.
        const auto showsPartOfTheLine = [&] {
            const QString top = view.visibleRows().value(0);
            return !top.isEmpty() && top.size() <= rows[0].size() &&
                   top == QString(top.size(), u'x');
        };
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
        paintedImage(view);
        QVERIFY(showsPartOfTheLine());
        const qint64 middle = view.topOffset();
        QTest::keyClick(&view, Qt::Key_Up);
        QVERIFY(view.topOffset() < middle);
        QTest::keyClick(&view, Qt::Key_PageUp);
        paintedImage(view);
        QVERIFY(showsPartOfTheLine());

        const qint64 read = m_session->store().bytesRead() - readBefore;
        QVERIFY2(read < (1 << 20), qPrintable(QString::number(read)));
    }

    void aHugeGapOpensAtOnce() {
        // 4 GiB passed of which the keep policy kept the first 16 bytes.
        m_session->setKeepPolicy(1, {KeepPolicy::Mode::Head, 16});
        CaptureEvent huge = m_events.data(1, Direction::In, "0123456789abcdef");
        huge.size = 4ll << 30;
        m_session->add(huge);
        add(1, Direction::Out, "after\n");
        const qint64 readBefore = m_session->store().bytesRead();
        FollowStreamView& view = show(1);
        QCOMPARE(view.visibleRows(),
                 QStringList({u"0123456789abcdef"_qs, u"[4.0 GiB not kept]"_qs, u"after"_qs}));
        view.setMode(FollowStreamView::Mode::Hex);
        // Past 4 GiB the offsets take a ninth digit.
        QVERIFY2(view.visibleRows().value(2).startsWith(u"100000000  61 66 74 65 72 0a"),
                 qPrintable(view.visibleRows().value(2)));
        QVERIFY(m_session->store().bytesRead() - readBefore < 1024);
    }

    void switchingConnectionStartsOver() {
        add(1, Direction::In, "one");
        add(2, Direction::In, "two");
        FollowStreamView& view = show(1);
        QCOMPARE(view.visibleRows(), QStringList({u"one"_qs}));
        view.setConnection(2);
        QCOMPARE(view.connection(), 2);
        QCOMPARE(view.visibleRows(), QStringList({u"two"_qs}));
        view.setConnection(0);
        QVERIFY(view.visibleRows().isEmpty());
        QCOMPARE(view.accessibleName(), u"Follow stream"_qs);
        QCOMPARE(view.focusPolicy(), Qt::StrongFocus);
        // The hint is painted instead.
        const QImage hint = paintedImage(view);
        QVERIFY(pixelsOf(hint, view.palette().color(QPalette::Base)) <
                hint.width() * hint.height());
    }
};

QTEST_MAIN(tst_FollowStreamView)
#include "tst_followstreamview.moc"
