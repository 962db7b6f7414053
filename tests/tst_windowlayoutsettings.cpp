// The window on screens of 1024x768 and 1920x1080 (an offscreen platform
// configured with both, in main() below): a first run and a geometry saved
// on a larger screen both fit the screen, and at either size the
// connections tree shows Name, Local, Peer and State whole for a listener,
// an echo connection, a client and a connection whose reading is paused;
// it hides only the byte and Detail columns, and only where they do not fit.
#include "connectionspanel.h"
#include "engine/engine.h"
#include "formats/jsonlwriter.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "viewparts.h"
#include "windowparts.h"

#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QPointer>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sockscope;

namespace {
const QRect kSmallScreen(0, 0, 1024, 768);
const QRect kLargeScreen(1024, 0, 1920, 1080);

// The rows of the tree in view order, depth first.
QList<QModelIndex> rowsOf(const QAbstractItemModel* model, const QModelIndex& parent = {}) {
    QList<QModelIndex> rows;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        rows << index << rowsOf(model, index);
    }
    return rows;
}
} // namespace

class tst_WindowLayoutSettings final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    void makeWindow() {
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
    }

    static QString describe(const QRect& rect) {
        return QStringLiteral("%1,%2 %3x%4")
            .arg(rect.x())
            .arg(rect.y())
            .arg(rect.width())
            .arg(rect.height());
    }

    static bool within(const QRect& outer, const QRect& inner) {
        return outer.contains(inner.topLeft()) && outer.contains(inner.bottomRight());
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowlayoutsettings"));
        QCOMPARE(QGuiApplication::screens().size(), 2);
        QCOMPARE(QGuiApplication::screenAt(kSmallScreen.center())->availableGeometry(),
                 kSmallScreen);
    }

    void init() { QSettings().clear(); }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void aFirstRunFitsASmallScreen() {
        makeWindow();
        QVERIFY2(m_window->minimumSizeHint().width() <= kSmallScreen.width(),
                 qPrintable(QString::number(m_window->minimumSizeHint().width())));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY2(within(kSmallScreen, m_window->frameGeometry()),
                 qPrintable(describe(m_window->frameGeometry())));
        // Most of the screen, not a postage stamp.
        QVERIFY(m_window->width() >= kSmallScreen.width() * 9 / 10);
    }

    void aGeometrySavedOnALargerScreenIsFitted() {
        {
            // As saved by a window on a larger screen than this one.
            QMainWindow large;
            large.setGeometry(QRect(10, 10, 1800, 1000));
            QSettings().setValue(QStringLiteral("mainWindow/geometry"), large.saveGeometry());
        }
        makeWindow();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY2(within(kSmallScreen, m_window->frameGeometry()),
                 qPrintable(describe(m_window->frameGeometry())));
    }

    void aSavedSessionOpensOffsetAndOnTheScreen() {
        // The live window fills the small screen; the saved one is offset to
        // be seen as another, yet stays on the screen whole.
        makeWindow();
        m_window->setGeometry(kSmallScreen);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("saved.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(writeJsonlSession(BatchEventSource(EventBatch{}), file, 0));
        file.close();
        QPointer<MainWindow> saved = m_window->openSession(path);
        QVERIFY(saved);
        QCOMPARE(saved->pos(), m_window->pos() + QPoint(40, 40));
        QVERIFY2(within(kSmallScreen, saved->geometry()), qPrintable(describe(saved->geometry())));
        delete saved;
    }

    void everyShownColumnFits_data() {
        QTest::addColumn<QRect>("screen");
        QTest::addColumn<bool>("everyColumn");
        QTest::newRow("1024x768") << kSmallScreen << false;
        QTest::newRow("1920x1080") << kLargeScreen << true;
    }

    void everyShownColumnFits() {
        QFETCH(QRect, screen);
        QFETCH(bool, everyColumn);
        makeWindow();
        // Maximised on that screen.
        m_window->setGeometry(screen);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

        ListenerConfig listen;
        listen.address = QStringLiteral("127.0.0.1");
        listen.responder.kind = ResponderConfig::Kind::Echo;
        m_window->startListener(listen);
        ConnectionsModel* model = parts::connectionsModel(m_window);
        QTRY_COMPARE(model->listenerCount(), 1);
        const QModelIndex listener = model->index(0, 0);
        ClientConfig client;
        client.host = QStringLiteral("127.0.0.1");
        client.port = quint16(listener.siblingAtColumn(ConnectionsModel::LocalColumn)
                                  .data(ConnectionsModel::SortRole)
                                  .toInt());
        client.sendOnConnect = "hello";
        m_window->startClient(client);
        m_window->startClient(client);
        QTRY_COMPARE(model->openConnectionCount(), 4);
        QTRY_COMPARE(model->index(0, ConnectionsModel::BytesOutColumn, listener).data().toString(),
                     u"5 bytes"_qs);

        // Pause reading of one accepted connection, through its menu.
        ConnectionsPanel* panel = parts::connectionsPanel(m_window);
        const QModelIndex paused =
            parts::proxyOf(panel->view())->mapFromSource(model->index(1, 0, listener));
        QMenu menu;
        panel->addSocketActions(&menu, paused);
        bool triggered = false;
        for (QAction* action : menu.actions()) {
            if (action->text() == u"&Pause reading") {
                action->trigger();
                triggered = true;
            }
        }
        QVERIFY(triggered);
        QVERIFY(paused.siblingAtColumn(ConnectionsModel::StateColumn)
                    .data()
                    .toString()
                    .endsWith(u"reading paused"));

        QTreeView* view = panel->view();
        const QHeaderView* header = view->header();
        const QFontMetrics metrics = view->fontMetrics();
        const int margins =
            2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
        const QList<int> mayHide{ConnectionsModel::BytesInColumn, ConnectionsModel::BytesOutColumn,
                                 ConnectionsModel::DetailColumn};
        QStringList cut;
        QStringList widths;
        for (int column = 0; column < ConnectionsModel::ColumnCount; ++column) {
            widths << QStringLiteral("%1=%2")
                          .arg(model->headerData(column, Qt::Horizontal).toString())
                          .arg(header->isSectionHidden(column) ? 0 : header->sectionSize(column));
            if (header->isSectionHidden(column)) {
                QVERIFY2(!everyColumn && mayHide.contains(column), qPrintable(widths.join(u' ')));
                continue;
            }
            QVERIFY2(header->sectionViewportPosition(column) + header->sectionSize(column) <=
                         view->viewport()->width(),
                     qPrintable(widths.join(u' ')));
            for (const QModelIndex& row : rowsOf(parts::proxyOf(panel->view()))) {
                const QModelIndex cell = row.siblingAtColumn(column);
                const QString text = cell.data().toString();
                const int room = view->visualRect(cell).width();
                if (metrics.horizontalAdvance(text) + margins > room)
                    cut << QStringLiteral("'%1' in %2 px").arg(text).arg(room);
            }
        }
        qInfo("%s at %dx%d: %s", QTest::currentDataTag(), m_window->width(), m_window->height(),
              qPrintable(widths.join(u' ')));
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
    }
};

int main(int argc, char** argv) {
    // Two screens, before the application reads the platform: a small one
    // (primary) and a large one beside it.
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    // No window manager, as under Xvfb: the frame is the window's edge.
    file.write(QStringLiteral(R"({"windowFrameMargins": false, "screens": [
        {"name": "large", "x": %1, "y": %2, "width": %3, "height": %4, "logicalDpi": 96},
        {"name": "small", "x": %5, "y": %6, "width": %7, "height": %8, "logicalDpi": 96}]})")
                   .arg(kLargeScreen.x())
                   .arg(kLargeScreen.y())
                   .arg(kLargeScreen.width())
                   .arg(kLargeScreen.height())
                   .arg(kSmallScreen.x())
                   .arg(kSmallScreen.y())
                   .arg(kSmallScreen.width())
                   .arg(kSmallScreen.height())
                   .toUtf8());
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    QApplication app(argc, argv);
    tst_WindowLayoutSettings test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowlayoutsettings.moc"
