#include "tlsoptionsbox.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace sockscope {

TlsOptionsBox::TlsOptionsBox(Side side, QWidget* parent)
    : QGroupBox(tr("&Use TLS"), parent)
    , m_side(side) {
    setCheckable(true);
    setChecked(false);
    setAccessibleName(tr("TLS"));
    auto* form = new QFormLayout(this);
    if (side == Side::Server) {
        setToolTip(tr("Every accepted connection is a TLS server; responders work on the "
                      "plaintext"));
        m_certFile = addFileRow(form, tr("Certificate:"),
                                tr("PEM certificate; empty: SockScope's own for localhost, "
                                   "issued by its local CA"));
        m_keyFile = addFileRow(form, tr("Key:"),
                               tr("PEM private key; empty: the key in the certificate's file"));
    } else {
        setToolTip(tr("Connect with TLS; the send box works on the plaintext"));
        m_sni = new QLineEdit(this);
        m_sni->setPlaceholderText(tr("the host name"));
        m_sni->setAccessibleName(tr("Server name (SNI)"));
        form->addRow(tr("Server name:"), m_sni);
        m_caFile = addFileRow(form, tr("CA file:"),
                              tr("PEM CA certificates to trust; empty: the system's store"));
        m_verify = new QCheckBox(tr("Verify the server's certificate"), this);
        m_verify->setChecked(true);
        m_verify->setToolTip(tr("Off: go on when it does not verify (the result is still "
                                "shown)"));
        form->addRow(QString(), m_verify);
    }
    m_alpn = new QLineEdit(this);
    m_alpn->setPlaceholderText(tr("e.g. h2,http/1.1"));
    m_alpn->setAccessibleName(tr("ALPN protocols"));
    form->addRow(tr("ALPN:"), m_alpn);
}

QLineEdit* TlsOptionsBox::addFileRow(QFormLayout* form, const QString& label, const QString& tip) {
    auto* edit = new QLineEdit(this);
    edit->setPlaceholderText(tip);
    edit->setToolTip(tip);
    edit->setAccessibleName(label);
    auto* browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setAccessibleName(tr("Choose a file for %1").arg(label));
    connect(browse, &QToolButton::clicked, this, [this, edit, label] {
        const QString path = QFileDialog::getOpenFileName(
            this, label, edit->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

TlsOptions TlsOptionsBox::options() const {
    TlsOptions options;
    options.enabled = isChecked();
    options.alpn = m_alpn->text().split(u',', Qt::SkipEmptyParts);
    for (QString& protocol : options.alpn)
        protocol = protocol.trimmed();
    if (m_side == Side::Server) {
        options.certFile = m_certFile->text().trimmed();
        options.keyFile = m_keyFile->text().trimmed();
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
    if (m_side == Side::Server) {
        m_certFile->setText(options.certFile);
        m_keyFile->setText(options.keyFile);
    } else {
        m_sni->setText(options.sni);
        m_caFile->setText(options.caFile);
        m_verify->setChecked(options.verify);
    }
}

} // namespace sockscope
