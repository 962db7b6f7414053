#include "payloadeditdialog.h"

#include "base/payloadtext.h"
#include "formhelpers.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

namespace sockscope {

namespace {
enum Format { Text, Hex };
}

PayloadEditDialog::PayloadEditDialog(const QString& title, const QByteArray& payload,
                                     QWidget* parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_edit(new QPlainTextEdit(this))
    , m_error(makeErrorLabel(this))
    , m_payload(payload) {
    setWindowTitle(title);
    m_format->addItem(tr("Text with escapes (\\r \\n \\t \\xHH)"), Text);
    m_format->addItem(tr("Hex"), Hex);
    m_format->setAccessibleName(tr("Format"));
    m_edit->setAccessibleName(tr("Message"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setTabChangesFocus(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(m_edit);
    form->addRow(m_error);
    form->addRow(buttons);
    showIn(false);
    connect(m_format, &QComboBox::currentIndexChanged, this,
            [this] { showIn(m_format->currentData().toInt() == Hex); });
    connect(m_edit, &QPlainTextEdit::textChanged, this, &PayloadEditDialog::parse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 300);
}

void PayloadEditDialog::showIn(bool hex) {
    // From the bytes the other form parsed to, so switching loses nothing.
    m_edit->setPlainText(hex ? QString::fromLatin1(m_payload.toHex(' ')) : escapedText(m_payload));
}

void PayloadEditDialog::parse() {
    QString error;
    QByteArray bytes;
    if (m_format->currentData().toInt() == Hex) {
        bytes = parseHexInput(m_edit->toPlainText(), &error).value_or(QByteArray());
    } else {
        bytes = unescapeText(m_edit->toPlainText(), &error);
    }
    showError(m_error, error);
    m_ok->setEnabled(error.isEmpty());
    if (error.isEmpty())
        m_payload = bytes;
}

} // namespace sockscope
