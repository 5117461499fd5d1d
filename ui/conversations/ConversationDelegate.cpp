#include "ConversationDelegate.h"

#include "ConversationListModel.h"

#include <QApplication>
#include <QPainter>

namespace sb {

QColor ConversationDelegate::channelColor(Channel channel)
{
    switch (channel) {
    case Channel::Sms:
        return QColor(0x2e, 0xa0, 0x43);
    case Channel::Email:
        return QColor(0x2f, 0x7d, 0xd1);
    case Channel::Push:
    case Channel::Chat:
        return QColor(0xd0, 0x8c, 0x1a);
    case Channel::Voice:
        break;
    }
    return QColor(0x8e, 0x5b, 0xd0);
}

QString ConversationDelegate::channelGlyph(Channel channel)
{
    // Glyphs DejaVu Sans has (no emoji font on most servers).
    switch (channel) {
    case Channel::Sms:
        return QStringLiteral("✉");
    case Channel::Email:
        return QStringLiteral("@");
    case Channel::Push:
    case Channel::Chat:
        return QStringLiteral("#");
    case Channel::Voice:
        break;
    }
    return QStringLiteral("☎");
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {240, option.fontMetrics.height() * 2 + 18};
}

void ConversationDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    auto *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, opt.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = opt.state & QStyle::State_Selected;
    const auto text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    auto secondary = text;
    secondary.setAlphaF(0.65);
    const auto rect = opt.rect.adjusted(8, 6, -8, -6);
    const int lineHeight = opt.fontMetrics.height();

    // Channel badge.
    const auto channel
        = channelFromName(index.data(ConversationListModel::ChannelRole).toString()).value_or(Channel::Voice);
    const int badge = lineHeight * 2;
    const QRect badgeRect(rect.left(), rect.top() + (rect.height() - badge) / 2, badge, badge);
    painter->setPen(Qt::NoPen);
    painter->setBrush(channelColor(channel));
    painter->drawEllipse(badgeRect);
    painter->setPen(Qt::white);
    auto glyphFont = opt.font;
    glyphFont.setPointSizeF(glyphFont.pointSizeF() * 1.15);
    glyphFont.setBold(true);
    painter->setFont(glyphFont);
    painter->drawText(badgeRect, Qt::AlignCenter, channelGlyph(channel));

    const int left = badgeRect.right() + 10;
    const int unread = index.data(ConversationListModel::UnreadRole).toInt();
    auto nameFont = opt.font;
    nameFont.setBold(unread > 0);
    const auto time = index.data(ConversationListModel::TimeTextRole).toString();
    const int timeWidth = opt.fontMetrics.horizontalAdvance(time) + 4;
    const QRect top(left, rect.top(), rect.right() - left, lineHeight);
    painter->setFont(opt.font);
    painter->setPen(secondary);
    painter->drawText(top, Qt::AlignRight | Qt::AlignVCenter, time);
    painter->setFont(nameFont);
    painter->setPen(text);
    const auto name = QFontMetrics(nameFont).elidedText(
        index.data().toString(), Qt::ElideRight, top.width() - timeWidth - 8);
    painter->drawText(top, Qt::AlignLeft | Qt::AlignVCenter, name);

    QRect bottom(left, rect.top() + lineHeight + 4, rect.right() - left, lineHeight);
    if (unread > 0) {
        const auto count = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
        const int width = std::max(lineHeight, opt.fontMetrics.horizontalAdvance(count) + 10);
        const QRect pill(bottom.right() - width, bottom.top(), width, lineHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(channelColor(Channel::Email));
        painter->drawRoundedRect(pill, lineHeight / 2.0, lineHeight / 2.0);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, count);
        bottom.setRight(pill.left() - 6);
    }
    auto preview = index.data(ConversationListModel::PreviewRole).toString().simplified();
    if (directionFromName(index.data(ConversationListModel::LastDirectionRole).toString())
        == Direction::Outbound)
        preview = ConversationListModel::tr("You: %1").arg(preview);
    painter->setFont(opt.font);
    painter->setPen(secondary);
    painter->drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter,
        opt.fontMetrics.elidedText(preview, Qt::ElideRight, bottom.width()));
    painter->restore();
}

} // namespace sb
