package dev.aios.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeCuesTest {
    @Test
    void questionsThatAskWhenAreTold() {
        assertThat(TimeCues.asksWhen("When did Caroline go to the support group?")).isTrue();
        assertThat(TimeCues.asksWhen("How long has Jon had his dance studio?")).isTrue();
        assertThat(TimeCues.asksWhen("Which year did Gina open her store?")).isTrue();
        assertThat(TimeCues.asksWhen("In what month did they meet?")).isTrue();
        assertThat(TimeCues.asksWhen("What did Melanie paint?")).isFalse();
        assertThat(TimeCues.asksWhen("Where does the user live?")).isFalse();
        assertThat(TimeCues.asksWhen("Whenever possible, what does Jon eat?")).isFalse();
    }

    @Test
    void memoriesThatSayWhenAreTold() {
        assertThat(TimeCues.saysWhen("I went to the LGBTQ support group yesterday")).isTrue();
        assertThat(TimeCues.saysWhen("We moved to Lisbon in June 2022")).isTrue();
        assertThat(TimeCues.saysWhen("Two weeks ago I ran a charity race")).isTrue();
        assertThat(TimeCues.saysWhen("The concert is on the 14th")).isTrue();
        assertThat(TimeCues.saysWhen("I love painting sunsets")).isFalse();
        // the modal verb is not the month
        assertThat(TimeCues.saysWhen("You may like this book")).isFalse();
    }
}
