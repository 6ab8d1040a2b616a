package io.nagare.examples.nexmark.model;

/** A person who registered with the auction site (NEXMARK.md, "Person"); a POJO: public fields, no-argument constructor. */
public class Person {
  public long id;
  public String name;
  public String emailAddress;
  public String creditCard;
  public String city;
  public String state;
  public long dateTime;

  public Person() {}

  public Person(long id, String name, String emailAddress, String creditCard, String city, String state,
      long dateTime) {
    this.id = id;
    this.name = name;
    this.emailAddress = emailAddress;
    this.creditCard = creditCard;
    this.city = city;
    this.state = state;
    this.dateTime = dateTime;
  }

  /** The fields in the specification's order, separated by {@code ,}. */
  public String csv() {
    return id + "," + name + "," + emailAddress + "," + creditCard + "," + city + "," + state + "," + dateTime;
  }
}
