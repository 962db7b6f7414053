#include "aboutdialog.h"
#include "base/version.h"
#include "engine/engine.h"
#include "helpmenu.h"
#include "mainwindow.h"
#include "shortcutsdialog.h"
#include "userguidewindow.h"

#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QPointer>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTreeWidget>

#include <memory>

using namespace sockscope;

namespace {
// The first fragment whose link is href, as a person would click it.
QTextCursor linkTo(QTextDocument* document, const QString& href) {
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().anchorHref() == href) {
                QTextCursor cursor(document);
                cursor.setPosition(it.fragment().position() + 1);
                return cursor;
            }
        }
    }
    return {};
}

void click(QTextBrowser* browser, const QString& href) {
    const QTextCursor cursor = linkTo(browser->document(), href);
    QVERIFY2(!cursor.isNull(), qPrintable(href));
    browser->setTextCursor(cursor);
    browser->ensureCursorVisible();
    const QPoint at = browser->cursorRect(cursor).center() - QPoint(2, 0);
    QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, at);
}

QStringList headings(const QTextDocument* document) {
    QStringList texts;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() > 0)
            texts << block.text();
    }
    return texts;
}

// The heading at the top of what the browser shows.
QString topHeading(QTextBrowser* browser) {
    const int position = browser->cursorForPosition(QPoint(10, 10)).position();
    for (QTextBlock block = browser->document()->findBlock(position); block.isValid();
         block = block.next()) {
        if (block.blockFormat().headingLevel() > 0)
            return block.text();
    }
    return {};
}
} // namespace

class tst_HelpMenu final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    QAction* action(const char* name) const {
        return m_window->findChild<QAction*>(QLatin1String(name));
    }

    UserGuideWindow* openGuide() {
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        UserGuideWindow* guide = nullptr;
        [&] {
            QTRY_VERIFY((guide = m_window->findChild<UserGuideWindow*>()));
            QVERIFY(QTest::qWaitForWindowExposed(guide));
        }();
        return guide;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_helpmenu"));
    }

    void init() {
        QSettings().clear();
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void f1ShowsTheBundledGuideWithItsPictures() {
        UserGuideWindow* guide = openGuide();
        QVERIFY(guide);
        auto* browser = guide->findChild<QTextBrowser*>();
        QTextDocument* document = browser->document();
        QCOMPARE(browser->source(), QUrl(u"qrc:/docs/user-guide.md"_qs));
        const QStringList titles = headings(document);
        QVERIFY2(titles.size() > 5, qPrintable(titles.join(u'\n')));
        QCOMPARE(titles.constFirst(), u"SockScope user guide"_qs);
        QCOMPARE(document->begin().blockFormat().headingLevel(), 1);

        // The screenshot comes from the program itself, and fits the page.
        const QVariant resource = document->resource(
            QTextDocument::ImageResource, QUrl(u"qrc:/docs/screenshots/main-window.png"_qs));
        const QImage image = resource.userType() == QMetaType::QPixmap
                                 ? resource.value<QPixmap>().toImage()
                                 : QImage::fromData(resource.toByteArray());
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 600);
        QVERIFY2(document->size().width() <= browser->viewport()->width() + 1,
                 qPrintable(QString::number(document->size().width())));

        // F1 again raises the same window.
        QTest::keyClick(m_window.get(), Qt::Key_F1);
        QCOMPARE(m_window->findChildren<UserGuideWindow*>().size(), 1);
    }

    void linksLeadToSectionsAndPages() {
        UserGuideWindow* guide = openGuide();
        QVERIFY(guide);
        auto* browser = guide->findChild<QTextBrowser*>();
        QCOMPARE(browser->verticalScrollBar()->value(), 0);
        click(browser, u"#4-half-close"_qs);
        QTRY_COMPARE(browser->source().fragment(), u"4-half-close"_qs);
        QVERIFY(browser->verticalScrollBar()->value() > 0);
        QCOMPARE(topHeading(browser), u"4. Half-close"_qs);

        browser->verticalScrollBar()->setValue(0);
        click(browser, u"howto-features.md#in-the-window"_qs);
        QTRY_COMPARE(browser->source(), QUrl(u"qrc:/docs/howto-features.md#in-the-window"_qs));
        QCOMPARE(headings(browser->document()).constFirst(), u"The socket HOWTO made visible"_qs);
        QCOMPARE(topHeading(browser), u"In the window"_qs);

        // Back returns to the guide.
        browser->backward();
        QTRY_COMPARE(headings(browser->document()).constFirst(), u"SockScope user guide"_qs);
    }

    void shortcutsAreReadFromTheMenus() {
        action("shortcutsAction")->trigger();
        ShortcutsDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ShortcutsDialog*>()));
        auto* list = dialog->findChild<QTreeWidget*>();
        const auto keysOf = [list](const QString& text) {
            const QList<QTreeWidgetItem*> items = list->findItems(text, Qt::MatchExactly, 0);
            return items.isEmpty() ? QString() : items.constFirst()->text(1);
        };
        QCOMPARE(keysOf(u"Listen…"_qs), u"Ctrl+L"_qs);
        QCOMPARE(keysOf(u"Open session…"_qs), u"Ctrl+O"_qs);
        QCOMPARE(keysOf(u"User guide"_qs), u"F1"_qs);
        QCOMPARE(keysOf(u"Preferences…"_qs), u"Ctrl+,"_qs);
        QCOMPARE(list->findItems(u"Listen…"_qs, Qt::MatchExactly).constFirst()->text(2),
                 u"File"_qs);
        QVERIFY(list->findItems(u"Send"_qs, Qt::MatchExactly).isEmpty()); // no keys of its own
        const QPointer<ShortcutsDialog> first = dialog;
        dialog->close();
        QTRY_VERIFY(!first);

        // A shortcut changed later shows the next time.
        action("aboutAction")->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F12));
        action("shortcutsAction")->trigger();
        QTRY_VERIFY((dialog = m_window->findChild<ShortcutsDialog*>()));
        const QList<QTreeWidgetItem*> about =
            dialog->findChild<QTreeWidget*>()->findItems(u"About SockScope"_qs, Qt::MatchExactly);
        QCOMPARE(about.size(), 1);
        QCOMPARE(about.constFirst()->text(1), u"Ctrl+F12"_qs);
    }

    void aboutNamesTheVersions() {
        action("aboutAction")->trigger();
        AboutDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<AboutDialog*>()));
        const QString text = dialog->findChild<QLabel*>(QStringLiteral("aboutText"))->text();
        QVERIFY2(text.contains(u"SockScope " SOCKSCOPE_VERSION), qPrintable(text));
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(u"MIT License"), qPrintable(text));
        QVERIFY2(text.contains(u"https://docs.python.org/3/howto/sockets.html"), qPrintable(text));

        // Its link to the HOWTO page opens the bundled page in the guide.
        Q_EMIT dialog->findChild<QLabel*>(QStringLiteral("aboutText"))
            ->linkActivated(u"qrc:/docs/howto-features.md"_qs);
        UserGuideWindow* guide = nullptr;
        QTRY_VERIFY((guide = m_window->findChild<UserGuideWindow*>()));
        QCOMPARE(guide->findChild<QTextBrowser*>()->source(),
                 QUrl(u"qrc:/docs/howto-features.md"_qs));
    }
};

QTEST_MAIN(tst_HelpMenu)
#include "tst_helpmenu.moc"
