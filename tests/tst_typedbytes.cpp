// Every field where a person types bytes as text reads them by one grammar
// (base/payloadtext.h, unescapeText): the framing view's delimiter, the
// traffic filter and the Connect dialog's Send on connect take the same input
// to the same bytes, or refuse it with the same message. Driven as a person
// does, with key clicks into widgets found by name.
#include "base/payloadtext.h"
#include "clientdialog.h"
#include "eventfactory.h"
#include "fakesessionsource.h"
#include "findpart.h"
#include "framingpicker.h"
#include "framingview.h"
#include "models/connectionsmodel.h"
#include "sendbox.h"
#include "trafficfilterbar.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace sockscope;
using parts::byAccessibleName;
using parts::named;

namespace {

void retype(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    // keyClicks() knows ASCII keys only; other characters come as a key
    // event with their text, as an input method sends them.
    for (const QChar c : text)
        QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QString(c), Qt::NoModifier);
}

QStringList previews(const QTableWidget* table) {
    QStringList cells;
    for (int row = 0; row < table->rowCount(); ++row)
        cells += table->item(row, FramingView::PreviewColumn)->text();
    return cells;
}

} // namespace

class tst_TypedBytes final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QSettings().clear();
    }

    void sameBytesEverywhere_data();
    void sameBytesEverywhere();
    void sendBoxHexAndDelimiterAgree_data();
    void sendBoxHexAndDelimiterAgree();
};

void tst_TypedBytes::sameBytesEverywhere_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QByteArray>("bytes");  // empty: refused
    QTest::addColumn<QString>("errorPart"); // of the one message all fields show

    QTest::newRow("crlf") << uR"(\r\n)"_qs << QByteArray("\r\n") << QString();
    QTest::newRow("hex bytes") << uR"(\x00\xff)"_qs << QByteArray("\x00\xff", 2) << QString();
    QTest::newRow("nul and tab") << uR"(\0\t)"_qs << QByteArray("\0\t", 2) << QString();
    QTest::newRow("backslash") << uR"(|\\|)"_qs << QByteArray("|\\|") << QString();
    QTest::newRow("code point") << uR"(\u{202e})"_qs << QByteArray("\xe2\x80\xae") << QString();
    QTest::newRow("utf-8 typed") << u"é|"_qs << QByteArray("\xc3\xa9|") << QString();
    QTest::newRow("one hex digit")
        << uR"(\x4|)"_qs << QByteArray() << uR"(\x at position 1 needs two hex digits)"_qs;
    QTest::newRow("unknown escape")
        << uR"(;\q)"_qs << QByteArray() << uR"(unknown escape \q at position 2)"_qs;
    QTest::newRow("lone backslash")
        << uR"(;\)"_qs << QByteArray() << u"lone backslash at position 2"_qs;
    QTest::newRow("bad code point") << uR"(\u{110000})"_qs << QByteArray() << u"is no character"_qs;
}

void tst_TypedBytes::sameBytesEverywhere() {
    QFETCH(QString, typed);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorPart);
    QString expectedError;
    QCOMPARE(unescapeText(typed, &expectedError), bytes);
    QCOMPARE(expectedError.isEmpty(), !bytes.isEmpty());
    QVERIFY2(expectedError.contains(errorPart), qPrintable(expectedError));

    // The framing view cuts "one<bytes>two<bytes>" at exactly those bytes.
    EventFactory events;
    FakeSessionSource source({events.data(7, Direction::In, "one" + bytes + "two" + bytes)});
    FramingView view(&source);
    view.show();
    QComboBox* framing = byAccessibleName<QComboBox>(&view, u"Framing"_qs);
    framing->setCurrentIndex(framing->findData(FramingPicker::Delimiter));
    view.setConnection(7);
    retype(named<QLineEdit>(&view, u"delimiter"_qs), typed);
    QLabel* delimiterError = named<QLabel>(&view, u"delimiterError"_qs);
    auto* table = view.findChild<QTableWidget*>();
    if (bytes.isEmpty()) {
        QVERIFY(delimiterError->isVisibleTo(&view));
        QCOMPARE(delimiterError->text(), expectedError);
    } else {
        QVERIFY(!delimiterError->isVisibleTo(&view));
        QCOMPARE(previews(table), (QStringList{u"one"_qs, u"two"_qs}));
    }

    // The traffic filter looks for those bytes.
    TrafficFilterBar bar;
    bar.show();
    retype(named<QLineEdit>(&bar, u"pattern"_qs), typed);
    const std::optional<BytePattern> pattern = bar.pattern();
    QLabel* patternError = named<QLabel>(&bar, u"patternError"_qs);
    if (bytes.isEmpty()) {
        QVERIFY(!pattern);
        QCOMPARE(patternError->text(), expectedError);
    } else {
        QVERIFY(pattern);
        QCOMPARE(pattern->bytes(), bytes); // no letters here that case folding would change
        QVERIFY(!patternError->isVisibleTo(&bar));
    }

    // Send on connect sends them.
    ClientDialog dialog;
    dialog.show();
    retype(byAccessibleName<QComboBox>(&dialog, u"Host"_qs)->lineEdit(), u"localhost:7"_qs);
    retype(named<QLineEdit>(&dialog, u"sendOnConnect"_qs), typed);
    QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QLabel* sendError = named<QLabel>(&dialog, u"sendError"_qs);
    if (bytes.isEmpty()) {
        QVERIFY(!ok->isEnabled());
        QCOMPARE(sendError->text(), expectedError);
    } else {
        QVERIFY(!sendError->isVisibleTo(&dialog));
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.config().sendOnConnect, bytes);
    }
}

// The send box's Hex mode reads \xHH as the text fields do, so bytes copied
// from one work in the other. (Its Text mode sends the text as typed.)
void tst_TypedBytes::sendBoxHexAndDelimiterAgree_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QByteArray>("bytes"); // empty: both refuse
    QTest::newRow("crlf") << uR"(\x0d\x0a)"_qs << QByteArray("\r\n");
    QTest::newRow("three bytes") << uR"(\x00\x7f\xff)"_qs << QByteArray("\x00\x7f\xff", 3);
    QTest::newRow("one hex digit") << uR"(\x4)"_qs << QByteArray();
}

void tst_TypedBytes::sendBoxHexAndDelimiterAgree() {
    QFETCH(QString, typed);
    QFETCH(QByteArray, bytes);

    EventFactory events;
    ConnectionsModel model;
    model.applyBatch(
        {events.listen(1, QStringLiteral("127.0.0.1:5000")),
         events.accept(2, 1, QStringLiteral("127.0.0.1:5000"), QStringLiteral("127.0.0.1:40001"))},
        {});
    SendBox box(&model);
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box)); // Ctrl+Return is a shortcut of the shown box
    box.setConnection(2);
    QComboBox* mode = byAccessibleName<QComboBox>(&box, u"Send mode"_qs);
    mode->setCurrentIndex(mode->findData(int(SendBox::Mode::Hex)));
    QPlainTextEdit* hex = byAccessibleName<QPlainTextEdit>(&box, u"Hex to send"_qs);
    QSignalSpy sent(&box, &SendBox::sendRequested);
    hex->setFocus();
    QTest::keyClicks(hex, typed);
    QTest::keyClick(hex, Qt::Key_Return, Qt::ControlModifier);

    FakeSessionSource source({events.data(7, Direction::In, "one" + bytes + "two" + bytes)});
    FramingView view(&source);
    view.show();
    QComboBox* framing = byAccessibleName<QComboBox>(&view, u"Framing"_qs);
    framing->setCurrentIndex(framing->findData(FramingPicker::Delimiter));
    view.setConnection(7);
    retype(named<QLineEdit>(&view, u"delimiter"_qs), typed);

    if (bytes.isEmpty()) {
        QCOMPARE(sent.count(), 0);
        QVERIFY(named<QLabel>(&view, u"delimiterError"_qs)->isVisibleTo(&view));
        return;
    }
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(1).toByteArray(), bytes);
    QCOMPARE(previews(view.findChild<QTableWidget*>()), (QStringList{u"one"_qs, u"two"_qs}));
}

QTEST_MAIN(tst_TypedBytes)
#include "tst_typedbytes.moc"
