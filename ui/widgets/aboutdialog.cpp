#include "aboutdialog.h"

#include "base/version.h"
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QUrl>
#include <QVBoxLayout>

namespace sockscope {

namespace {
const QString kHowtoUrl = QStringLiteral("https://docs.python.org/3/howto/sockets.html");
const QString kHowtoPage = QStringLiteral("qrc:/docs/howto-features.md");
} // namespace

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("About SockScope"));

    auto* logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/sockscope.svg")).pixmap(64, 64));
    logo->setAlignment(Qt::AlignTop);

    auto* text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setText(
        tr("<h2>SockScope %1</h2>"
           "<p>See TCP sockets at work: listeners, accepted sockets, clients, every byte and "
           "every step from connect to close.</p>"
           "<p>Built with Qt %2, running on Qt %3.</p>"
           "<p>SockScope makes the ideas of the <a href=\"%4\">socket programming HOWTO</a> "
           "visible; <a href=\"%5\">The socket HOWTO made visible</a> says where to watch "
           "each one happen.</p>"
           "<p>Copyright © 2026 SockScope developers. Free software under the MIT License: "
           "use, copy, change and share it, with no warranty.</p>")
            .arg(QStringLiteral(SOCKSCOPE_VERSION), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion()), kHowtoUrl, kHowtoPage));
    connect(text, &QLabel::linkActivated, this, [this](const QString& link) {
        const QUrl url(link);
        if (url.scheme() == u"qrc")
            Q_EMIT guideRequested(url);
        else
            QDesktopServices::openUrl(url);
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* row = new QHBoxLayout;
    row->addWidget(logo);
    row->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
}

} // namespace sockscope
