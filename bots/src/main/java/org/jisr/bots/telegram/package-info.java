/**
 * Telegram Bot API channel (telegrambots client and model classes): webhook or long polling, text and commands,
 * inline-keyboard choices, HTML parse mode, long texts split at 4,096 characters.
 */
package org.jisr.bots.telegram;
