#include "userguidewindow.h"

#include <QAction>
#include <QEvent>
#include <QImage>
#include <QScreen>
#include <QScrollBar>
#include <QStyle>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>
#include <QTextList>
#include <QToolBar>
#include <QVBoxLayout>

namespace sockscope {

namespace {
// GitHub's anchor for a heading, which the docs' links use:
// "4. Half-close" -> "4-half-close".
QString slugOf(const QString& heading) {
    QString slug;
    for (const QChar c : heading.trimmed().toLower()) {
        if (c.isLetterOrNumber() || c == u'-' || c == u'_')
            slug += c;
        else if (c.isSpace())
            slug += u'-';
    }
    return slug;
}

QImage imageOf(const QVariant& resource) {
    if (resource.userType() == QMetaType::QImage)
        return resource.value<QImage>();
    if (resource.userType() == QMetaType::QPixmap)
        return resource.value<QPixmap>().toImage();
    return QImage::fromData(resource.toByteArray());
}
} // namespace

QUrl UserGuideWindow::guideUrl() {
    return QUrl(QStringLiteral("qrc:/docs/user-guide.md"));
}

UserGuideWindow::UserGuideWindow(QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_browser(new QTextBrowser(this)) {
    setWindowTitle(tr("SockScope user guide"));
    m_browser->setObjectName(QStringLiteral("guideBrowser"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setAccessibleName(tr("User guide"));
    m_browser->installEventFilter(this);
    m_browser->document()->setDocumentMargin(16);

    auto* tools = new QToolBar(this);
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QAction* back = tools->addAction(style()->standardIcon(QStyle::SP_ArrowBack), tr("&Back"),
                                     m_browser, &QTextBrowser::backward);
    back->setShortcut(QKeySequence::Back);
    back->setEnabled(false);
    QAction* forward = tools->addAction(style()->standardIcon(QStyle::SP_ArrowForward),
                                        tr("&Forward"), m_browser, &QTextBrowser::forward);
    forward->setShortcut(QKeySequence::Forward);
    forward->setEnabled(false);
    tools->addAction(tr("&Contents"), this, [this] { showPage(guideUrl()); });
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QAction::setEnabled);
    connect(m_browser, &QTextBrowser::forwardAvailable, forward, &QAction::setEnabled);
    connect(m_browser, &QTextBrowser::sourceChanged, this, &UserGuideWindow::pageChanged);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(tools);
    layout->addWidget(m_browser, 1);

    // Room for a screenshot at its own size where the screen has it.
    const QSize available = screen()->availableSize();
    resize(qMin(1000, available.width() * 9 / 10), qMin(800, available.height() * 9 / 10));
}

void UserGuideWindow::showPage(const QUrl& url) {
    m_browser->setSource(url, QTextDocument::MarkdownResource);
}

bool UserGuideWindow::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_browser && event->type() == QEvent::Resize)
        fitImages();
    return QWidget::eventFilter(watched, event);
}

void UserGuideWindow::pageChanged(const QUrl& url) {
    // Also for a link within the page: QTextBrowser may have loaded it anew.
    addHeadingAnchors();
    fitImages();
    // Loading scrolled to the #section before its heading had an anchor.
    if (url.hasFragment())
        m_browser->scrollToAnchor(url.fragment());
}

void UserGuideWindow::addHeadingAnchors() {
    // Markdown headings get no anchors in QTextDocument; the docs link to
    // them by GitHub's names.
    QTextDocument* document = m_browser->document();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0)
            continue;
        QTextCursor cursor(block);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        QTextCharFormat anchor;
        anchor.setAnchor(true);
        anchor.setAnchorNames({slugOf(block.text())});
        cursor.mergeCharFormat(anchor);
    }
}

qreal UserGuideWindow::indentOf(const QTextBlock& block) const {
    const QTextDocument* document = m_browser->document();
    const int level =
        block.textList() ? block.textList()->format().indent() : block.blockFormat().indent();
    return level * document->indentWidth() + block.blockFormat().leftMargin();
}

void UserGuideWindow::fitImages() {
    // Screenshots are as wide as the screen they were taken on: shrink them
    // to the page's width, never enlarge them.
    QTextDocument* document = m_browser->document();
    const int frame = 2 * m_browser->frameWidth();
    const int scrollBar = m_browser->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const qreal width =
        qMax(100.0, m_browser->width() - frame - scrollBar - 2 * document->documentMargin());
    struct Image {
        int position;
        QTextImageFormat format;
        qreal indent; // a picture inside a list item starts further right
    };
    QList<Image> images;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().isImageFormat())
                images.append(
                    {fragment.position(), fragment.charFormat().toImageFormat(), indentOf(block)});
        }
    }
    for (Image& image : images) {
        const QImage natural =
            imageOf(document->resource(QTextDocument::ImageResource, QUrl(image.format.name())));
        if (natural.isNull())
            continue;
        const QSizeF size = natural.deviceIndependentSize();
        const qreal fitted = qMin(size.width(), qMax(100.0, width - image.indent));
        if (qFuzzyCompare(image.format.width(), fitted))
            continue;
        image.format.setWidth(fitted);
        image.format.setHeight(size.height() * fitted / size.width());
        QTextCursor cursor(document);
        cursor.setPosition(image.position);
        cursor.setPosition(image.position + 1, QTextCursor::KeepAnchor);
        cursor.setCharFormat(image.format);
    }
}

} // namespace sockscope
