#include "eventfactory.h"
#include "followstreamview.h"
#include "models/palettecolors.h"
#include "models/trafficmodel.h"
#include "savedsession.h"
#include "savedsessionfile.h"
#include "trafficfiltermodel.h"
#include "trafficpanel.h"

#include <QApplication>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QVBoxLayout>

#include <cmath>

using namespace sockscope;

namespace {
// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor& colour) {
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
           0.0722 * channel(colour.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// A dark theme as desktop environments set it: light text on dark bases.
QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x23, 0x23, 0x23));
    p.setColor(QPalette::AlternateBase, QColor(0x2d, 0x2d, 0x2d));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

// The colour the traffic table painted in the middle of a row's cell.
QColor paintedAt(QTableView* view, int row, int column) {
    const QRect cell = view->visualRect(view->model()->index(row, column));
    const QImage image = view->viewport()->grab().toImage();
    return image.pixelColor(cell.left() + 2, cell.center().y());
}
} // namespace

class tst_DarkPalette final : public QObject {
    Q_OBJECT

private:
    QPalette m_light;
    EventFactory m_events;

private Q_SLOTS:
    void initTestCase() {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_light = QApplication::style()->standardPalette();
        QApplication::setPalette(m_light);
    }

    void cleanup() { QApplication::setPalette(m_light); }

    void directionColoursKeepTheirContrast_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void directionColoursKeepTheirContrast() {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : m_light;
        for (Direction dir : {Direction::In, Direction::Out}) {
            const QColor text = directionForeground(palette, dir);
            const QColor background = directionBackground(palette, dir);
            // WCAG AA for normal text.
            QVERIFY2(contrast(text, background) >= 4.5,
                     qPrintable(QStringLiteral("%1 on %2: %3")
                                    .arg(text.name(), background.name())
                                    .arg(contrast(text, background))));
            QVERIFY(contrast(text, palette.color(QPalette::Base)) >= 4.5);
            // The background is a tint of the base: dark stays dark.
            QVERIFY(contrast(background, palette.color(QPalette::Base)) < 1.5);
        }
        QVERIFY(directionForeground(palette, Direction::In) !=
                directionForeground(palette, Direction::Out));
        QVERIFY(directionBackground(palette, Direction::In) !=
                directionBackground(palette, Direction::Out));
    }

    // Fresh rows glow, closed rows are quieter; both stay readable, also
    // together (a connection that closed as soon as it came).
    void connectionRowsStayReadable_data() { directionColoursKeepTheirContrast_data(); }
    void connectionRowsStayReadable() {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : m_light;
        const QColor base = palette.color(QPalette::Base);
        const QColor glow = freshRowBackground(palette, 1.0);
        for (const QColor& text : {palette.color(QPalette::Text), closedRowText(palette)}) {
            for (const QColor& background : {base, glow}) {
                QVERIFY2(contrast(text, background) >= 4.5,
                         qPrintable(QStringLiteral("%1 on %2: %3")
                                        .arg(text.name(), background.name())
                                        .arg(contrast(text, background))));
            }
        }
        // Closed rows still read as quieter than open ones.
        QVERIFY(contrast(closedRowText(palette), base) <
                contrast(palette.color(QPalette::Text), base));
    }

    void trafficTableFollowsTheTheme() {
        TrafficModel model;
        const SavedSession session({}, {});
        TrafficPanel panel(&model, &session);
        panel.resize(600, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        model.applyBatch(
            {m_events.data(1, Direction::In, "ping\n"), m_events.data(1, Direction::Out, "pong\n")},
            {});
        QTableView* view = panel.view();
        const int sizeColumn = TrafficModel::SizeColumn;
        const QColor lightIn = paintedAt(view, 0, sizeColumn);
        const QColor lightOut = paintedAt(view, 1, sizeColumn);
        QCOMPARE(lightIn.name(), directionBackground(m_light, Direction::In).name());
        QVERIFY(luminance(lightIn) > 0.6);

        QApplication::setPalette(darkPalette());
        QTRY_COMPARE(paintedAt(view, 0, sizeColumn).name(),
                     directionBackground(darkPalette(), Direction::In).name());
        const QColor darkIn = paintedAt(view, 0, sizeColumn);
        const QColor darkOut = paintedAt(view, 1, sizeColumn);
        QCOMPARE(darkOut.name(), directionBackground(darkPalette(), Direction::Out).name());
        QVERIFY(luminance(darkIn) < 0.1);
        QVERIFY(darkIn != darkOut);
        QVERIFY(darkIn != lightIn && darkOut != lightOut);
        // The arrow's colour is the one with contrast on the dark rows.
        const QModelIndex arrow = panel.filterModel()->index(0, TrafficModel::DirectionColumn);
        const QColor arrowColour = arrow.data(Qt::ForegroundRole).value<QColor>();
        QCOMPARE(arrowColour, directionForeground(darkPalette(), Direction::In));
        QVERIFY(contrast(arrowColour, darkIn) >= 4.5);
    }

    void followStreamFollowsTheTheme() {
        const SavedSession session({},
                                   importedStoreOf({m_events.data(1, Direction::Out, "ping\n"),
                                                    m_events.data(1, Direction::In, "pong\n")}));
        // Inside a window, as in the detail tabs.
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* view = new FollowStreamView(&session, &window);
        layout->addWidget(view);
        window.show();
        view->setConnection(1);
        // The view paints each direction on its own background: count them.
        const auto pixelsOf = [view](const QColor& colour) {
            const QImage image = view->viewport()->grab().toImage();
            int count = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x)
                    count += image.pixelColor(x, y).rgb() == colour.rgb() ? 1 : 0;
            }
            return count;
        };
        QTRY_VERIFY(pixelsOf(directionBackground(m_light, Direction::Out)) > 100);

        // Widgets hear of a new application palette from the event loop.
        QApplication::setPalette(darkPalette());
        QTRY_VERIFY(pixelsOf(directionBackground(darkPalette(), Direction::Out)) > 100);
        QVERIFY(pixelsOf(directionBackground(darkPalette(), Direction::In)) > 100);
        QCOMPARE(pixelsOf(directionBackground(m_light, Direction::Out)), 0);
        QCOMPARE(view->toPlainText(), QStringLiteral("ping\npong\n"));
    }
};

QTEST_MAIN(tst_DarkPalette)
#include "tst_darkpalette.moc"
