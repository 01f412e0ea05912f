/**
 * Turns reported revenue into payouts by split sheet, exactly in minor units: the payouts of one
 * allocation always add up to the amount, to the cent.
 */
package io.stave.rules.revenue;
