global using AutoDialer.Testing;
