#include "tlsoptionsbox.h"

#include "formhelpers.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QStyleOptionGroupBox>
#include <QStylePainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace sockscope {

TlsOptionsBox::TlsOptionsBox(Side side, QWidget* parent)
    : QGroupBox(tr("&Use TLS"), parent)
    , m_side(side)
    , m_fields(new QWidget(this)) {
    setCheckable(true);
    setChecked(false);
    setAccessibleName(tr("TLS"));
    auto* form = new QFormLayout(m_fields); // its margins pad the frame
    if (side == Side::Server) {
        setToolTip(tr("Every accepted connection is a TLS server; responders work on the "
                      "plaintext"));
        m_certFile = addFileRow(form, tr("Certificate:"), tr("SockScope's own, for localhost"),
                                tr("PEM certificate; empty: SockScope's own for localhost, "
                                   "issued by its local CA"));
        m_keyFile = addFileRow(form, tr("Key:"), tr("the key in the certificate's file"),
                               tr("PEM private key; empty: the key in the certificate's file"));
        m_certFile->setObjectName(QStringLiteral("tlsCertificate"));
        m_keyFile->setObjectName(QStringLiteral("tlsKey"));
        m_requestClientCert = new QCheckBox(tr("Request a client certificate"), m_fields);
        m_requestClientCert->setObjectName(QStringLiteral("requestClientCert"));
        m_requestClientCert->setToolTip(
            tr("Each client must present a certificate that verifies against the client CA "
               "file; a client without one fails its handshake (--request-client-cert)"));
        form->addRow(QString(), m_requestClientCert);
        m_caFile = addFileRow(form, tr("Client CA:"), tr("the system's store"),
                              tr("PEM CA certificates client certificates must chain to; "
                                 "empty: the system's store"));
        m_caFile->setObjectName(QStringLiteral("tlsCaFile"));
        QWidget* caRow = m_caFile->parentWidget(); // with its button
        caRow->setEnabled(false);
        connect(m_requestClientCert, &QCheckBox::toggled, caRow, &QWidget::setEnabled);
    } else {
        setToolTip(tr("Connect with TLS; the send box works on the plaintext"));
        m_sni = new QLineEdit(m_fields);
        m_sni->setPlaceholderText(tr("the host name"));
        m_sni->setAccessibleName(tr("Server name (SNI)"));
        m_sni->setObjectName(QStringLiteral("tlsServerName"));
        form->addRow(tr("Server name:"), m_sni);
        m_caFile = addFileRow(form, tr("CA file:"), tr("the system's store"),
                              tr("PEM CA certificates to trust; empty: the system's store"));
        m_caFile->setObjectName(QStringLiteral("tlsCaFile"));
        m_verify = new QCheckBox(tr("Verify the server's certificate"), m_fields);
        m_verify->setChecked(true);
        m_verify->setObjectName(QStringLiteral("tlsVerify"));
        m_verify->setToolTip(tr("Off: go on when it does not verify (the result is still "
                                "shown)"));
        form->addRow(QString(), m_verify);
        m_certFile = addFileRow(form, tr("Client certificate:"), tr("none"),
                                tr("PEM certificate to present when the server asks for one "
                                   "(--client-cert); empty: none"));
        m_keyFile = addFileRow(form, tr("Client key:"), tr("the key in the certificate's file"),
                               tr("PEM private key of the client certificate (--client-key); "
                                  "empty: the key in the certificate's file"));
        m_certFile->setObjectName(QStringLiteral("tlsClientCertificate"));
        m_keyFile->setObjectName(QStringLiteral("tlsClientKey"));
    }
    m_alpn = new QLineEdit(m_fields);
    m_alpn->setPlaceholderText(tr("e.g. h2,http/1.1"));
    m_alpn->setAccessibleName(tr("ALPN protocols"));
    m_alpn->setObjectName(QStringLiteral("tlsAlpn"));
    form->addRow(tr("ALPN:"), m_alpn);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fields);
    showFields(false);
    connect(this, &QGroupBox::toggled, this, &TlsOptionsBox::showFields);
}

QLineEdit* TlsOptionsBox::addFileRow(QFormLayout* form, const QString& label,
                                     const QString& whenEmpty, const QString& tip) {
    // The field and its button in one widget, which turns off as a whole.
    auto* row = new QWidget(m_fields);
    auto* edit = new QLineEdit(row);
    edit->setPlaceholderText(whenEmpty);
    edit->setToolTip(tip);
    edit->setAccessibleName(label);
    auto* browse = new QToolButton(row);
    browse->setText(tr("…"));
    browse->setAccessibleName(tr("Choose a file for %1").arg(label));
    connect(browse, &QToolButton::clicked, this, [this, edit, label] {
        const QString path = QFileDialog::getOpenFileName(
            this, label, edit->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

void TlsOptionsBox::showFields(bool shown) {
    m_fields->setVisible(shown);
    QWidget* dialog = window();
    if (dialog == this || !dialog->isVisible() || !dialog->layout())
        return;
    // Checking grows the dialog, as its layout keeps it at least its
    // minimum size; unchecking gives the room back. Both layouts learn of
    // the change now, not at the next event-loop pass, so that the size
    // (and the move onto the screen) is taken from the new contents.
    layout()->activate();
    dialog->layout()->activate();
    if (!shown)
        dialog->adjustSize();
    keepOnScreen(dialog);
}

void TlsOptionsBox::paintEvent(QPaintEvent* event) {
    if (isChecked()) {
        QGroupBox::paintEvent(event);
        return;
    }
    // Only the title: an empty frame under it would look like a field that
    // failed to show. (Fusion draws the frame of a flat group box too.)
    QStylePainter painter(this);
    QStyleOptionGroupBox option;
    initStyleOption(&option);
    option.subControls &= ~QStyle::SC_GroupBoxFrame;
    painter.drawComplexControl(QStyle::CC_GroupBox, option);
}

TlsOptions TlsOptionsBox::options() const {
    TlsOptions options;
    options.enabled = isChecked();
    options.alpn = m_alpn->text().split(u',', Qt::SkipEmptyParts);
    for (QString& protocol : options.alpn)
        protocol = protocol.trimmed();
    options.certFile = m_certFile->text().trimmed();
    options.keyFile = m_keyFile->text().trimmed();
    if (m_side == Side::Server) {
        options.requestClientCert = m_requestClientCert->isChecked();
        // Only a server that asks for certificates verifies them.
        options.caFile = options.requestClientCert ? m_caFile->text().trimmed() : QString();
    } else {
        options.sni = m_sni->text().trimmed();
        options.caFile = m_caFile->text().trimmed();
        options.verify = m_verify->isChecked();
    }
    return options;
}

void TlsOptionsBox::setOptions(const TlsOptions& options) {
    setChecked(options.enabled);
    m_alpn->setText(options.alpn.join(u','));
    m_caFile->setText(options.caFile);
    m_certFile->setText(options.certFile);
    m_keyFile->setText(options.keyFile);
    if (m_side == Side::Server) {
        m_requestClientCert->setChecked(options.requestClientCert);
    } else {
        m_sni->setText(options.sni);
        m_verify->setChecked(options.verify);
    }
}

} // namespace sockscope
