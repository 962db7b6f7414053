#include "engine/engine.h"
#include "exportaction.h"
#include "mainwindow.h"
#include "recentfiles.h"
#include "recentfilesmenu.h"
#include "recordaction.h"
#include "windowparts.h"

#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace sockscope;

namespace {
// Runs act on the widget find returns, once it appears (a modal dialog runs
// its own event loop, so the test cannot wait for it in line).
void whenShown(const std::function<QWidget*()>& find, const std::function<void(QWidget*)>& act) {
    auto* poll = new QTimer(qApp);
    poll->setInterval(5);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, find, act] {
        if (QWidget* widget = find()) {
            poll->deleteLater();
            poll->stop();
            act(widget);
        }
    });
    poll->start();
}

QStringList recentEntries(RecentFilesMenu* menu) {
    QStringList texts;
    const QList<QAction*> actions = menu->actions();
    for (const QAction* action : actions) {
        if (!action->isSeparator())
            texts << action->text();
    }
    return texts;
}
} // namespace

class tst_RecentFiles final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;

    // A saved session that opens: the live window's (empty) session.
    QString session(const QString& name) {
        const QString path = m_dir.filePath(name);
        QString error;
        if (!parts::exportAction(m_window)->exportTo(path, ExportFormat::Jsonl, &error))
            qWarning() << error;
        return path;
    }

    QMenu* fileMenu() const { return m_window->menuBar()->actions().constFirst()->menu(); }

    // The menu as the person sees it when opening File.
    RecentFilesMenu* recentMenu() const {
        Q_EMIT fileMenu()->aboutToShow();
        return m_window->findChild<RecentFilesMenu*>();
    }

    QAction* recentAction(const QString& fileName) const {
        const QList<QAction*> actions = recentMenu()->actions();
        for (QAction* action : actions) {
            if (action->text().contains(fileName))
                return action;
        }
        return nullptr;
    }

    QMessageBox* acceptMessage(QString* text) {
        QMessageBox* box = nullptr;
        [&] {
            QTRY_VERIFY((box = m_window->findChild<QMessageBox*>()));
        }();
        if (!box)
            return nullptr;
        *text = box->text();
        box->accept();
        return box;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_recentfiles"));
        QVERIFY(m_dir.isValid());
    }

    void init() {
        QSettings().clear();
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void openedSessionsAreListedNewestFirst() {
        const QString first = session(QStringLiteral("first.jsonl"));
        const QString second = session(QStringLiteral("second & more.jsonl"));
        QVERIFY(m_window->openSession(first));
        QVERIFY(m_window->openSession(second));
        QCOMPARE(recentSessions(), (QStringList{second, first}));

        const QStringList entries = recentEntries(recentMenu());
        QCOMPARE(entries.size(), 3); // two files, Clear list
        // The number is the mnemonic; the file's own & is not.
        QVERIFY2(entries.at(0).startsWith(u"&1 second && more.jsonl"), qPrintable(entries.at(0)));
        QVERIFY2(entries.at(1).startsWith(u"&2 first.jsonl"), qPrintable(entries.at(1)));

        // Reopening from the menu opens another read-only window and moves
        // the file to the top.
        const int windows = m_window->findChildren<MainWindow*>().size();
        recentAction(QStringLiteral("first.jsonl"))->trigger();
        QCOMPARE(m_window->findChildren<MainWindow*>().size(), windows + 1);
        QCOMPARE(recentSessions(), (QStringList{first, second}));
    }

    void keepsTheTenNewest() {
        for (int i = 0; i < kMaxRecentSessions + 2; ++i)
            addRecentSession(m_dir.filePath(QStringLiteral("s%1.jsonl").arg(i)));
        addRecentSession(m_dir.filePath(QStringLiteral("s5.jsonl"))); // again: moves up
        const QStringList paths = recentSessions();
        QCOMPARE(paths.size(), kMaxRecentSessions);
        QCOMPARE(QFileInfo(paths.at(0)).fileName(), QStringLiteral("s5.jsonl"));
        QCOMPARE(QFileInfo(paths.at(1)).fileName(), QStringLiteral("s11.jsonl"));
        QCOMPARE(QFileInfo(paths.last()).fileName(), QStringLiteral("s2.jsonl"));
        QCOMPARE(paths.count(m_dir.filePath(QStringLiteral("s5.jsonl"))), 1);
        QCOMPARE(recentEntries(recentMenu()).size(), kMaxRecentSessions + 1);
    }

    void aFileThatIsGoneSaysSoAndLeavesTheList() {
        const QString kept = session(QStringLiteral("kept.jsonl"));
        const QString gone = session(QStringLiteral("gone.jsonl"));
        addRecentSession(kept);
        addRecentSession(gone);
        QVERIFY(QFile::remove(gone));

        recentAction(QStringLiteral("gone.jsonl"))->trigger();
        QString message;
        QVERIFY(acceptMessage(&message));
        QVERIFY2(message.contains(u"gone.jsonl") && message.contains(u"no longer exists"),
                 qPrintable(message));
        QVERIFY(m_window->findChildren<MainWindow*>().isEmpty());
        QCOMPARE(recentSessions(), QStringList{kept});
        QVERIFY(!recentAction(QStringLiteral("gone.jsonl")));
    }

    void clearListEmptiesIt() {
        addRecentSession(session(QStringLiteral("one.jsonl")));
        RecentFilesMenu* menu = recentMenu();
        auto* clear = menu->findChild<QAction*>(QStringLiteral("clearRecentAction"));
        QVERIFY(clear && clear->isEnabled());
        clear->trigger();
        QVERIFY(recentSessions().isEmpty());
        const QStringList entries = recentEntries(recentMenu());
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0), QStringLiteral("No recent sessions"));
        QVERIFY(
            !recentMenu()->findChild<QAction*>(QStringLiteral("clearRecentAction"))->isEnabled());
    }

    void jsonLinesExportsAreListedOtherFormatsNot() {
        const auto exportAs = [this](const QString& name) {
            const QString path = m_dir.filePath(name);
            whenShown([] { return QApplication::activeModalWidget(); },
                      [path](QWidget* modal) {
                          auto* dialog = qobject_cast<QFileDialog*>(modal);
                          QVERIFY(dialog);
                          dialog->selectFile(path);
                          static_cast<QDialog*>(dialog)->accept();
                      });
            parts::exportAction(m_window)->trigger();
            return path;
        };
        const QString csv = exportAs(QStringLiteral("table.csv"));
        QVERIFY(QFileInfo::exists(csv));
        QVERIFY(recentSessions().isEmpty()); // cannot be opened again
        const QString jsonl = exportAs(QStringLiteral("exported.jsonl"));
        QVERIFY(QFileInfo::exists(jsonl));
        QCOMPARE(recentSessions(), QStringList{jsonl});
    }

    void recordingsAreListed() {
        const QString path = m_dir.filePath(QStringLiteral("recorded.jsonl"));
        parts::recordAction(m_window)->startRecording(path);
        QTRY_COMPARE(recentSessions(), QStringList{path});
        parts::recordAction(m_window)->stopRecording();
        // A recording that cannot start is not listed.
        parts::recordAction(m_window)->startRecording(
            m_dir.filePath(QStringLiteral("no/such/folder/x.jsonl")));
        QTRY_VERIFY(!parts::recordAction(m_window)->isChecked());
        QCOMPARE(recentSessions(), QStringList{path});
    }

    void droppedSessionsOpenEachInItsOwnWindow() {
        const QString first = session(QStringLiteral("dropped1.jsonl"));
        const QString second = session(QStringLiteral("dropped2.jsonl"));
        const QString notSession = m_dir.filePath(QStringLiteral("notes.txt"));
        {
            QFile file(notSession);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("just some notes\n");
        }
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(first), QUrl::fromLocalFile(notSession),
                      QUrl::fromLocalFile(second)});
        const QPoint where = m_window->rect().center();

        QDragEnterEvent enter(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(m_window.get(), &drop);
        QVERIFY(drop.isAccepted());

        QTRY_COMPARE(m_window->findChildren<MainWindow*>().size(), 2);
        QStringList titles;
        for (const MainWindow* window : m_window->findChildren<MainWindow*>()) {
            QVERIFY(window->isReadOnly());
            titles << window->windowTitle();
        }
        titles.sort();
        QVERIFY2(titles.at(0).contains(u"dropped1.jsonl"), qPrintable(titles.at(0)));
        QVERIFY2(titles.at(1).contains(u"dropped2.jsonl"), qPrintable(titles.at(1)));
        // The file that is not a session: Open's own message, naming it.
        QString message;
        QVERIFY(acceptMessage(&message));
        QVERIFY2(message.contains(u"notes.txt") && message.contains(u"cannot be shown"),
                 qPrintable(message));
        QCOMPARE(recentSessions(), (QStringList{second, first}));
    }

    void onlyLocalFilesAreTakenFromADrop() {
        QMimeData web;
        web.setUrls({QUrl(QStringLiteral("https://example.org/session.jsonl"))});
        QDragEnterEvent enter(m_window->rect().center(), Qt::CopyAction, &web, Qt::LeftButton,
                              Qt::NoModifier);
        enter.setAccepted(false);
        QCoreApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(!enter.isAccepted());
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QDragEnterEvent textEnter(m_window->rect().center(), Qt::CopyAction, &text, Qt::LeftButton,
                                  Qt::NoModifier);
        textEnter.setAccepted(false);
        QCoreApplication::sendEvent(m_window.get(), &textEnter);
        QVERIFY(!textEnter.isAccepted());
    }
};

QTEST_MAIN(tst_RecentFiles)
#include "tst_recentfiles.moc"
